// The date-range bar every dashboard starts with: a plain GET form, so the range and filters live in
// the URL (shareable, back-button safe) and work without JavaScript.
import type { DateRange } from "@/lib/analytics/shared/range";
import { getT } from "@/lib/i18n/t";

const field = "rounded border border-slate-400 px-2 py-1";

export async function RangeForm({ range, action, children }: { range: DateRange; action: string; children?: React.ReactNode }) {
  const t = await getT();
  return (
    <form method="get" action={action} className="flex min-w-0 flex-wrap items-end gap-3 rounded-md border border-slate-300 bg-white p-3" data-testid="range-form">
      <label className="flex min-w-0 max-w-full flex-col text-sm">
        {t("insights.range.from")}
        <input type="date" name="from" defaultValue={range.from} className={field} />
      </label>
      <label className="flex min-w-0 max-w-full flex-col text-sm">
        {t("insights.range.to")}
        <input type="date" name="to" defaultValue={range.to} className={field} />
      </label>
      <label className="flex min-w-0 max-w-full flex-col text-sm">
        {t("insights.range.grain")}
        <select name="grain" defaultValue={range.grain} className={field}>
          <option value="day">{t("insights.range.grain.day")}</option>
          <option value="week">{t("insights.range.grain.week")}</option>
          <option value="month">{t("insights.range.grain.month")}</option>
        </select>
      </label>
      {children}
      <button type="submit" className="rounded bg-blue-700 px-4 py-1.5 text-white hover:bg-blue-800">
        {t("insights.range.apply")}
      </button>
    </form>
  );
}
