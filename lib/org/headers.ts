// The header each column of an org file is exported under, in Chinese and in English: the import reads both
// back (lib/org/columns.ts), and the catalogues name a missing column by them. Data only, no imports: the
// catalogues, which client components load too, spread these texts in.
/** Header text used when exporting: the Chinese names, which the import reads back. */
export const EXPORT_HEADERS = {
  departments: { code: "部门编码", name: "部门名称", parent: "上级部门编码", head: "负责人邮箱", kind: "类型" },
  people: { email: "邮箱", name: "姓名", department: "部门编码", title: "职务", phone: "电话", im: "即时通讯", roles: "角色" },
  matrix: { line: "条线编码", lineName: "条线名称", owner: "首问责任人邮箱", order: "顺序" },
  roster: { line: "条线编码", person: "值班人邮箱", startsAt: "开始时间", endsAt: "结束时间" },
} as const;

/** The same columns in English, for an admin who uses the portal in English: every name is one the import reads. */
export const EXPORT_HEADERS_EN = {
  departments: { code: "Code", name: "Name", parent: "Parent code", head: "Head email", kind: "Kind" },
  people: { email: "Email", name: "Name", department: "Department code", title: "Title", phone: "Phone", im: "IM", roles: "Roles" },
  matrix: { line: "Line code", lineName: "Line name", owner: "Owner email", order: "Order" },
  roster: { line: "Line code", person: "Email", startsAt: "Starts at", endsAt: "Ends at" },
} as const satisfies { [K in keyof typeof EXPORT_HEADERS]: Record<keyof (typeof EXPORT_HEADERS)[K], string> };

type Headers = typeof EXPORT_HEADERS;
/** The catalogue key of a column's header: errors.org.header.people.department. */
type HeaderKey = { [K in keyof Headers]: `errors.org.header.${K}.${keyof Headers[K] & string}` }[keyof Headers];

/** One catalogue entry per column, from one language's headers. */
export function headerTexts(headers: { [K in keyof Headers]: Record<keyof Headers[K], string> }): Record<HeaderKey, string> {
  return Object.fromEntries(Object.entries(headers).flatMap(([kind, columns]) => Object.entries(columns).map(([field, text]) => [`errors.org.header.${kind}.${field}`, text]))) as Record<HeaderKey, string>;
}

export const headerKey = (kind: keyof Headers, field: string) => `errors.org.header.${kind}.${field}` as HeaderKey;
