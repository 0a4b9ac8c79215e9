// The ledger's filters as a plain GET form: range and filters live in the URL (shareable, back-button
// safe, no JavaScript needed). Not RangeForm: the ledger is a table, so it has no chart grain.
import type { DateRange } from "@/lib/analytics/shared/range";
import type { LedgerFilters } from "@/lib/analytics/ledger/filters";
import { QuestionStatus, ResolutionKind } from "@/lib/db/generated/enums";
import { getT } from "@/lib/i18n/t";

type Opt = { id: string; name: string };
const field = "rounded border border-slate-400 px-2 py-1 max-w-full";

export async function LedgerFilterForm({
  range,
  filters,
  options,
}: {
  range: Pick<DateRange, "from" | "to">;
  filters: LedgerFilters;
  options: { lines: Opt[]; departments: Opt[]; owners: Opt[] };
}) {
  const t = await getT();
  const all = t("insights.all");
  return (
    <form method="get" action="/insights/ledger" className="grid gap-3 rounded-md border border-slate-300 bg-white p-3 sm:grid-cols-2 lg:grid-cols-4" data-testid="ledger-filters">
      <label className="flex min-w-0 flex-col text-sm">
        {t("insights.ledger.filter.from")}
        <input type="date" name="from" defaultValue={range.from} className={field} />
      </label>
      <label className="flex min-w-0 flex-col text-sm">
        {t("insights.ledger.filter.to")}
        <input type="date" name="to" defaultValue={range.to} className={field} />
      </label>
      <Select label={t("insights.filter.line")} all={all} name="line" value={filters.lineId} options={options.lines} />
      <Select label={t("insights.ledger.filter.status")} all={all} name="status" value={filters.status} options={Object.values(QuestionStatus).map((id) => ({ id, name: t(`insights.status.${id}`) }))} />
      <Select label={t("insights.ledger.filter.kind")} all={all} name="kind" value={filters.resolutionKind} options={Object.values(ResolutionKind).map((id) => ({ id, name: t(`insights.resolution.${id}`) }))} />
      <Select label={t("insights.ledger.filter.department")} all={all} name="dept" value={filters.departmentId} options={options.departments} />
      <Select label={t("insights.ledger.filter.owner")} all={all} name="owner" value={filters.ownerId} options={options.owners} />
      <label className="flex min-w-0 flex-col text-sm">
        {t("insights.ledger.filter.text")}
        <input type="search" name="q" defaultValue={filters.text ?? ""} maxLength={100} className={field} />
      </label>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="overdue" value="1" defaultChecked={filters.overdueOnly === true} />
        {t("insights.ledger.filter.overdue")}
      </label>
      <div className="flex items-end gap-3 sm:col-span-2 lg:col-span-3">
        <button type="submit" className="rounded bg-blue-700 px-4 py-1.5 text-white hover:bg-blue-800">
          {t("insights.ledger.filter.submit")}
        </button>
        <a href="/insights/ledger" className="text-sm text-blue-700 underline">
          {t("insights.ledger.filter.clear")}
        </a>
      </div>
    </form>
  );
}

function Select({ label, all, name, value, options }: { label: string; all: string; name: string; value: string | undefined; options: Opt[] }) {
  return (
    <label className="flex min-w-0 flex-col text-sm">
      {label}
      <select name={name} defaultValue={value ?? ""} className={field}>
        <option value="">{all}</option>
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </select>
    </label>
  );
}
