import { db } from "@/lib/db/client";
import { loadProvisionalYear } from "@/lib/time/provisional";

/** On every admin page: a year whose holidays are only computed (no official notice entered yet). */
export async function CalendarBanner() {
  const year = await loadProvisionalYear(db(), new Date(), { fresh: true });
  if (year === null) return null;
  return (
    <div role="status" data-testid="calendar-banner" className="mb-6 rounded-md border border-amber-500 bg-amber-50 p-3 text-amber-950">
      <p className="font-medium">{year} 年的节假日安排尚未录入，时限目前按法定节假日规则推算（暂定，不含调休）。</p>
      <p className="mt-1 text-sm">国务院办公厅发布通知后，请在 <a className="underline" href="/admin#calendar-h">系统管理 → 工作日历</a> 录入放假与调休上班日期。</p>
    </div>
  );
}
