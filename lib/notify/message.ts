// A message is data (a subject, sections of plain-text lines, a link); each channel renders it in
// its own format. Every value is escaped by the renderer, so text a user typed (a line name, a
// policy title) can never become markup in a mail client or an IM card.
import { DEFAULT_LOCALE, type Locale } from "../i18n/locales";

export interface MessageSection {
  heading?: string;
  lines: string[];
}

export interface Message {
  subject: string;
  sections: MessageSection[];
  link?: string;
  /** how pressing it is: colours the 飞书 card header (default info) */
  tone?: "info" | "warning" | "urgent";
  /** the language it is written in (default zh-CN): the renderers' own words follow it */
  locale?: Locale;
}

// The words around every message (the subject's brand, headings in plain text, the link, the id line),
// in its language.
const FOOTER: Record<Locale, { brand: string; heading: (h: string) => string; id: string; view: string; viewLink: string; cut: string }> = {
  "zh-CN": { brand: "【首问】", heading: (h) => `【${h}】`, id: "通知编号", view: "查看：", viewLink: "在首问中查看", cut: "……（内容过长，已截断）" },
  en: { brand: "[Shouwen] ", heading: (h) => `${h}:`, id: "Notification ID", view: "View: ", viewLink: "View in Shouwen", cut: "… (too long, cut here)" },
};
const footer = (m: Pick<Message, "locale">) => FOOTER[m.locale ?? DEFAULT_LOCALE];

/** "【首问】" / "[Shouwen] ": what every subject starts with (the inbox leaves it out). */
export const brandOf = (locale: Locale) => FOOTER[locale].brand;

/** The notification id, shown in every message so receivers can de-duplicate a repeated delivery. */
export function idLine(id: string, locale: Locale = DEFAULT_LOCALE): string {
  return `${FOOTER[locale].id} ${id}`;
}

const oneLine = (s: string) => s.replace(/[\r\n\u2028\u2029]+/g, " ").trim();

export function renderSubject(m: Message): string {
  return oneLine(m.subject).slice(0, 200);
}

export function renderText(m: Message, id: string): string {
  const parts = [renderSubject(m), ""];
  for (const s of m.sections) {
    if (s.heading) parts.push(footer(m).heading(oneLine(s.heading)));
    for (const l of s.lines) parts.push(oneLine(l));
    parts.push("");
  }
  if (m.link) parts.push(`${footer(m).view}${m.link}`, "");
  parts.push(idLine(id, m.locale));
  return parts.join("\n");
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

export function renderHtml(m: Message, id: string): string {
  const body: string[] = [`<h2 style="font-size:16px">${escapeHtml(renderSubject(m))}</h2>`];
  for (const s of m.sections) {
    if (s.heading) body.push(`<h3 style="font-size:14px;margin-bottom:4px">${escapeHtml(oneLine(s.heading))}</h3>`);
    if (s.lines.length) body.push(`<ul>${s.lines.map((l) => `<li>${escapeHtml(oneLine(l))}</li>`).join("")}</ul>`);
  }
  if (m.link && /^https?:\/\//.test(m.link)) body.push(`<p><a href="${escapeHtml(m.link)}">${escapeHtml(footer(m).viewLink)}</a></p>`);
  body.push(`<p style="color:#666;font-size:12px">${escapeHtml(idLine(id, m.locale))}</p>`);
  return `<!doctype html><html lang="${m.locale ?? DEFAULT_LOCALE}"><body>${body.join("\n")}</body></html>`;
}

// IM markdown dialects differ and most ignore backslash escapes, so metacharacters in a value are
// replaced by their full-width forms: a value reads the same but can never form a link, an image
// (a tracking pixel), a heading or an HTML tag.
const FULL_WIDTH: Record<string, string> = {
  "\\": "＼", "`": "｀", "*": "＊", "_": "＿", "[": "［", "]": "］", "(": "（", ")": "）",
  "#": "＃", "<": "＜", ">": "＞", "!": "！", "|": "｜", "~": "～", "$": "＄", "{": "｛", "}": "｝",
};

export function escapeMarkdown(s: string): string {
  // "://" too: chat clients turn a bare URL in a value into a link.
  return oneLine(s).replace(/[\\`*_\[\]()#<>!|~${}]/g, (c) => FULL_WIDTH[c]!).replace(/:\/\//g, "：//");
}

export function renderMarkdown(m: Message, id: string): string {
  const parts = [`**${escapeMarkdown(renderSubject(m))}**`, ""];
  for (const s of m.sections) {
    if (s.heading) parts.push(`**${escapeMarkdown(s.heading)}**`);
    for (const l of s.lines) parts.push(`- ${escapeMarkdown(l)}`);
    parts.push("");
  }
  if (m.link && /^https?:\/\//.test(m.link)) parts.push(`[${escapeMarkdown(footer(m).viewLink)}](${m.link.replace(/[()\s]/g, encodeURIComponent)})`, "");
  parts.push(escapeMarkdown(idLine(id, m.locale)));
  return parts.join("\n");
}

/** Cuts text to a byte budget (IM bots refuse long messages), keeping the id line at the end. */
export function fitBytes(text: string, maxBytes: number, id: string, locale: Locale = DEFAULT_LOCALE): string {
  if (Buffer.byteLength(text) <= maxBytes) return text;
  const tail = `\n${FOOTER[locale].cut}\n${idLine(id, locale)}`;
  let cut = text;
  const budget = maxBytes - Buffer.byteLength(tail);
  while (Buffer.byteLength(cut) > budget) cut = cut.slice(0, Math.max(0, Math.floor(cut.length * 0.9) - 1));
  return cut + tail;
}
