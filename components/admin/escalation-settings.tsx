// Admin page section (self-contained): the first-response-breach setting of the time-limit sweep.
import { db } from "@/lib/db/client";
import { loadEscalationSettings } from "@/lib/admin/save-escalation-settings";
import { getT } from "@/lib/i18n/t";
import { EscalationSettingsForm } from "./escalation-settings-form";

export async function EscalationSettings() {
  const [t, settings] = await Promise.all([getT(), loadEscalationSettings(db())]);
  return (
    <section aria-labelledby="escalation-settings-h">
      <h2 id="escalation-settings-h" className="text-lg font-semibold">{t("admin.escalation.title")}</h2>
      <p className="mt-1 text-sm text-slate-700">{t("admin.escalation.hint")}</p>
      <div className="mt-2"><EscalationSettingsForm notifyManager={settings.notifyManagerOnFirstResponseBreach} /></div>
    </section>
  );
}
