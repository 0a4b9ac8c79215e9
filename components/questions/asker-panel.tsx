import { getT } from "@/lib/i18n/t";
import { fmt } from "@/lib/questions/labels";
import { fillTemplate } from "./fill-template";

export interface AskerContact {
  name: string;
  email: string;
  phone: string | null;
  im: string | null;
  title: string | null;
  department: string | null;
}

/**
 * The asker as the owner (and their managers) see them: the registered contact from the user and org
 * record, what they gave when asking, and what they searched and opened before asking.
 */
export async function AskerPanel({ contact, given, trail, suggestions }: {
  contact: AskerContact | null;
  /** what the asker typed when filing; shown with the registered contact, to the same people */
  given: { name: string; department: string | null; phone: string | null; im: string | null } | null;
  trail: { query: string; resultCount: number; createdAt: Date }[];
  suggestions: { id: string; label: string; openedAt: Date | null; openMs: number | null }[];
}) {
  const t = await getT();
  const none = t("contact.none");
  return (
    <section aria-labelledby="asker-h" className="rounded-md border border-slate-300 bg-white p-3 text-sm">
      <h2 id="asker-h" className="font-semibold">{t("contact.title")}</h2>
      {contact && (
        <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 break-all" data-testid="asker-contact">
          <dt className="sr-only">{t("contact.title")}</dt>
          <dd className="col-span-2 font-medium"><bdi>{contact.name}</bdi>{contact.title ? t("punct.paren", { text: contact.title }) : ""}</dd>
          <dt className="font-medium">{t("contact.department")}</dt><dd><bdi>{contact.department ?? none}</bdi></dd>
          <dt className="font-medium">{t("contact.email")}</dt><dd><a className="text-blue-700 underline" href={`mailto:${contact.email}`}>{contact.email}</a></dd>
          <dt className="font-medium">{t("contact.phone")}</dt><dd>{contact.phone ? <a className="text-blue-700 underline" href={`tel:${contact.phone}`}>{contact.phone}</a> : none}</dd>
          <dt className="font-medium">{t("contact.im")}</dt><dd><bdi>{contact.im ?? none}</bdi></dd>
        </dl>
      )}
      {given && (
        <p className="mt-2 text-xs text-slate-700" data-testid="asker-contact-given">
          {t("contact.given")}{t("punct.colon")}<bdi>{given.name}</bdi>{given.department && <> · <bdi>{given.department}</bdi></>}{given.phone && <> · <bdi>{given.phone}</bdi></>}{given.im && <> · <bdi>{given.im}</bdi></>}
        </p>
      )}
      <h3 className="mt-3 font-medium">{t("trail.title")}</h3>
      {trail.length === 0 && suggestions.length === 0 && <p className="text-slate-600">{t("trail.none")}</p>}
      <ul className="mt-1 space-y-0.5">
        {trail.map((s, i) => <li key={i}>{fillTemplate(t("trail.searched", { count: s.resultCount }), { query: <bdi>{s.query}</bdi>, at: fmt(s.createdAt) })}</li>)}
      </ul>
      <ul className="mt-1 space-y-0.5" data-testid="trail-suggestions">
        {suggestions.map((s) => (
          <li key={s.id}><bdi>{s.label}</bdi>{t("punct.colon")}{s.openedAt ? (s.openMs ? t("trail.openedFor", { seconds: Math.round(s.openMs / 1000) }) : t("trail.opened")) : t("trail.notOpened")}</li>
        ))}
      </ul>
    </section>
  );
}
