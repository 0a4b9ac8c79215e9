import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { renderPolicyMarkdown } from "@/lib/content/render-markdown";

const html = (md: string) => renderToStaticMarkup(renderPolicyMarkdown(md) as React.ReactElement);

describe("policy Markdown rendering", () => {
  it("renders paragraphs and tables", () => {
    const out = html("第一段。\n\n| 级别 | 标准 |\n|---|---|\n| 一线城市 | 600 元 |\n");
    expect(out).toContain("<p>第一段。</p>");
    expect(out).toContain("<td>一线城市</td>");
  });
  it("shows raw HTML as literal text and drops dangerous links", () => {
    const out = html('<img src=x onerror=alert(1)> 文本 <script>alert(2)</script>\n\n[点我](javascript:alert(3)) [数据](data:text/html,x) [好](https://example.com)');
    expect(out).not.toMatch(/<img|<script|href="javascript:|href="data:/);
    expect(out).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(out).toContain("&lt;script&gt;alert(2)&lt;/script&gt;");
    expect(out).toContain('href="https://example.com"');
  });
});
