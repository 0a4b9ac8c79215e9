import { NotificationPreferencesForm } from "@/components/settings/notification-preferences-form";
import { requirePageActor } from "@/lib/auth/session";
import { webhookPolicy } from "@/lib/env";
import { ctxFor } from "@/lib/http/ctx";
import { getMyNotificationPreferences } from "@/lib/notify/preferences";

export const dynamic = "force-dynamic";

export default async function NotificationSettingsPage() {
  const actor = await requirePageActor();
  const prefs = await getMyNotificationPreferences(ctxFor(actor));
  return (
    <div className="mx-auto max-w-2xl">
      <h1 className="text-2xl font-bold">通知设置</h1>
      <p className="mt-2 text-slate-700">
        站内通知总是开启。你还可以通过电子邮件和企业微信、钉钉、飞书的群机器人接收通知：在群里添加“自定义机器人”，把它的 webhook 地址填在下面。
        群消息只包含问题编号、时限和链接，不包含问题内容和备注；投诉相关的群消息不写问题编号。钉钉和飞书机器人开启“加签”时，请把密钥填在对应的位置。
      </p>
      <p className="mt-2 text-sm text-slate-700">
        只接受这些服务商的 https 地址：<span className="break-all">{webhookPolicy().allowedHosts.join("、")}</span>。
      </p>
      <NotificationPreferencesForm initial={prefs} />
    </div>
  );
}
