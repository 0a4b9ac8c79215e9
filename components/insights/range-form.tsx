// The date-range bar every dashboard starts with: a plain GET form, so the range and filters live in
// the URL (shareable, back-button safe) and work without JavaScript.
import type { DateRange } from "@/lib/analytics/shared/range";

export function RangeForm({ range, action, children }: { range: DateRange; action: string; children?: React.ReactNode }) {
  return (
    <form method="get" action={action} className="flex flex-wrap items-end gap-3 rounded-md border border-slate-300 bg-white p-3" data-testid="range-form">
      <label className="flex flex-col text-sm">
        开始日期
        <input type="date" name="from" defaultValue={range.from} className="rounded border border-slate-400 px-2 py-1" />
      </label>
      <label className="flex flex-col text-sm">
        结束日期
        <input type="date" name="to" defaultValue={range.to} className="rounded border border-slate-400 px-2 py-1" />
      </label>
      <label className="flex flex-col text-sm">
        粒度
        <select name="grain" defaultValue={range.grain} className="rounded border border-slate-400 px-2 py-1">
          <option value="day">按日</option>
          <option value="week">按周</option>
          <option value="month">按月</option>
        </select>
      </label>
      {children}
      <button type="submit" className="rounded bg-blue-700 px-4 py-1.5 text-white hover:bg-blue-800">
        应用
      </button>
    </form>
  );
}
