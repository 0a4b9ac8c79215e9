// The ledger's filters as a plain GET form: range and filters live in the URL (shareable, back-button
// safe, no JavaScript needed). Not RangeForm: the ledger is a table, so it has no chart grain.
import type { DateRange } from "@/lib/analytics/shared/range";
import type { LedgerFilters } from "@/lib/analytics/ledger/filters";
import { RESOLUTION_LABEL, STATUS_LABEL } from "@/lib/questions/labels";

type Opt = { id: string; name: string };
const field = "rounded border border-slate-400 px-2 py-1";

export function LedgerFilterForm({
  range,
  filters,
  options,
}: {
  range: Pick<DateRange, "from" | "to">;
  filters: LedgerFilters;
  options: { lines: Opt[]; departments: Opt[]; owners: Opt[] };
}) {
  return (
    <form method="get" action="/insights/ledger" className="grid gap-3 rounded-md border border-slate-300 bg-white p-3 sm:grid-cols-2 lg:grid-cols-4" data-testid="ledger-filters">
      <label className="flex flex-col text-sm">
        提问日期从
        <input type="date" name="from" defaultValue={range.from} className={field} />
      </label>
      <label className="flex flex-col text-sm">
        到
        <input type="date" name="to" defaultValue={range.to} className={field} />
      </label>
      <Select label="条线" name="line" value={filters.lineId} options={options.lines} />
      <Select label="状态" name="status" value={filters.status} options={Object.entries(STATUS_LABEL).map(([id, name]) => ({ id, name }))} />
      <Select label="办结类型" name="kind" value={filters.resolutionKind} options={Object.entries(RESOLUTION_LABEL).map(([id, name]) => ({ id, name }))} />
      <Select label="部门（提问人或责任人所在，含下级）" name="dept" value={filters.departmentId} options={options.departments} />
      <Select label="责任人（曾经负责）" name="owner" value={filters.ownerId} options={options.owners} />
      <label className="flex flex-col text-sm">
        关键词（事项、联系人或编号）
        <input type="search" name="q" defaultValue={filters.text ?? ""} maxLength={100} className={field} />
      </label>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="overdue" value="1" defaultChecked={filters.overdueOnly === true} />
        只看超时（任一时限未达成）
      </label>
      <div className="flex items-end gap-3 sm:col-span-2 lg:col-span-3">
        <button type="submit" className="rounded bg-blue-700 px-4 py-1.5 text-white hover:bg-blue-800">
          查询
        </button>
        <a href="/insights/ledger" className="text-sm text-blue-700 underline">
          清除条件
        </a>
      </div>
    </form>
  );
}

function Select({ label, name, value, options }: { label: string; name: string; value: string | undefined; options: Opt[] }) {
  return (
    <label className="flex flex-col text-sm">
      {label}
      <select name={name} defaultValue={value ?? ""} className={field}>
        <option value="">全部</option>
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </select>
    </label>
  );
}
