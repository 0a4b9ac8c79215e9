import { Fragment } from "react";

/**
 * A catalogue template ("{name} 提问 · {at}") filled with React nodes, so user text (names, queries)
 * can sit in its own <bdi>: a right-to-left override typed into a name must not reorder the words
 * around it. Pass `t(key)` without variables to get the template.
 */
export function fillTemplate(template: string, vars: Record<string, React.ReactNode>): React.ReactNode {
  const parts = template.split(/\{(\w+)\}/);
  return parts.map((part, i) => <Fragment key={i}>{i % 2 === 1 ? (Object.hasOwn(vars, part) ? vars[part] : `{${part}}`) : part}</Fragment>);
}
