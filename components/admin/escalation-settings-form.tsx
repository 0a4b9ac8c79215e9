"use client";
import { useT } from "@/components/i18n-provider";
import { ActionForm } from "@/components/questions/action-form";

/** Whether a missed first response also warns the owner's manager (the owner is always warned). */
export function EscalationSettingsForm({ notifyManager }: { notifyManager: boolean }) {
  const t = useT();
  return (
    <ActionForm action="/api/admin/escalation-settings" testId="escalation-settings-form" tone="plain" submitLabel={t("admin.escalation.save")}
      build={(f) => ({ notifyManagerOnFirstResponseBreach: f.get("notifyManager") === "on" })}>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="notifyManager" defaultChecked={notifyManager} /> {t("admin.escalation.notifyManager")}
      </label>
    </ActionForm>
  );
}
