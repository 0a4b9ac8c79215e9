// Policy Markdown → React elements, safely: raw HTML in the source is shown as literal text (never
// parsed as markup, nothing of the policy is lost), the tree is sanitized (rehype-sanitize's GitHub schema: no script, no event
// handlers, no javascript:/data: URLs), and React builds the elements (no innerHTML anywhere).
import { toJsxRuntime } from "hast-util-to-jsx-runtime";
import type { ReactNode } from "react";
import { Fragment, jsx, jsxs } from "react/jsx-runtime";
import rehypeSanitize, { defaultSchema } from "rehype-sanitize";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";

const schema = {
  ...defaultSchema,
  // Links may only go to http(s), mail or in-page anchors.
  protocols: { ...defaultSchema.protocols, href: ["http", "https", "mailto"] },
};

interface MdNode {
  type: string;
  value?: string;
  children?: MdNode[];
}

/** Turns raw-HTML nodes into text nodes, so `<img onerror=…>` in a policy reads as what it is. */
function htmlAsText() {
  const visit = (node: MdNode) => {
    if (node.type === "html") node.type = "text";
    node.children?.forEach(visit);
  };
  return (tree: MdNode) => visit(tree);
}

const processor = unified().use(remarkParse).use(remarkGfm).use(htmlAsText).use(remarkRehype).use(rehypeSanitize, schema);

export function renderPolicyMarkdown(markdown: string): ReactNode {
  const tree = processor.runSync(processor.parse(markdown));
  return toJsxRuntime(tree, { Fragment, jsx, jsxs });
}
