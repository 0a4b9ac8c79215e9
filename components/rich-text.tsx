// Fills the {name} placeholders of a translated template with React nodes (a link, a <bdi> around a
// user's text), so a sentence stays one catalogue entry whatever the word order of the language.
import { Fragment, type ReactNode } from "react";

export function withNodes(template: string, nodes: Record<string, ReactNode>): ReactNode {
  const parts = template.split(/\{(\w+)\}/);
  return parts.map((part, i) => (i % 2 === 1 ? <Fragment key={i}>{Object.hasOwn(nodes, part) ? nodes[part] : `{${part}}`}</Fragment> : part));
}
