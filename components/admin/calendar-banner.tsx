import { withNodes } from "@/components/rich-text";
import { db } from "@/lib/db/client";
import { getT } from "@/lib/i18n/t";
import { loadProvisionalYear } from "@/lib/time/provisional";

/** On every admin page: a year whose holidays are only computed (no official notice entered yet). */
export async function CalendarBanner() {
  const year = await loadProvisionalYear(db(), new Date(), { fresh: true });
  if (year === null) return null;
  const t = await getT();
  return (
    <div role="status" data-testid="calendar-banner" className="mb-6 rounded-md border border-amber-500 bg-amber-50 p-3 text-amber-950">
      <p className="font-medium">{t("admin.calendar.banner", { year })}</p>
      <p className="mt-1 text-sm">{withNodes(t("admin.calendar.bannerHelp"), { link: <a className="underline" href="/admin#calendar-h">{t("admin.calendar.bannerLink")}</a> })}</p>
    </div>
  );
}
