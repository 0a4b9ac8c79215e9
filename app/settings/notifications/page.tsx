import { fillTemplate } from "@/components/questions/fill-template";
import { NotificationPreferencesForm } from "@/components/settings/notification-preferences-form";
import { requirePageActor } from "@/lib/auth/session";
import { webhookPolicy } from "@/lib/env";
import { ctxFor } from "@/lib/http/ctx";
import { getT } from "@/lib/i18n/t";
import { getMyNotificationPreferences } from "@/lib/notify/preferences";

export const dynamic = "force-dynamic";

export default async function NotificationSettingsPage() {
  const actor = await requirePageActor();
  const [prefs, t] = await Promise.all([getMyNotificationPreferences(ctxFor(actor)), getT()]);
  return (
    <div className="mx-auto max-w-2xl">
      <h1 className="text-2xl font-bold">{t("settings.title")}</h1>
      <p className="mt-2 text-slate-700">{t("settings.intro")}</p>
      <p className="mt-2 text-sm text-slate-700">
        {fillTemplate(t("settings.hosts"), { hosts: <span className="break-all">{webhookPolicy().allowedHosts.join(t("settings.hostsSeparator"))}</span> })}
      </p>
      <NotificationPreferencesForm initial={prefs} />
    </div>
  );
}
