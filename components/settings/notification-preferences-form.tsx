"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { api, type ApiError } from "@/components/api-client";
import { useT } from "../i18n-provider";

type Im = { enabled: boolean; address: string | null };
type Signed = Im & { secretHint: string | null };
export interface PreferencesView {
  emailAddress: string;
  email: { enabled: boolean };
  wecom: Im;
  dingtalk: Signed;
  feishu: Signed;
}
type SecretState = { secret: string; clearSecret: boolean };
const SIGNED = ["dingtalk", "feishu"] as const;

const IM: { key: "wecom" | "dingtalk" | "feishu"; example: string }[] = [
  { key: "wecom", example: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…" },
  { key: "dingtalk", example: "https://oapi.dingtalk.com/robot/send?access_token=…" },
  { key: "feishu", example: "https://open.feishu.cn/open-apis/bot/v2/hook/…" },
];

const input = "mt-1 w-full rounded-md border border-slate-400 px-3 py-2";

/** The user's own channels; the server validates again and names the field that is wrong. */
export function NotificationPreferencesForm({ initial }: { initial: PreferencesView }) {
  const router = useRouter();
  const t = useT();
  // The secret field starts empty every time: a stored secret is never sent to the browser.
  const [secrets, setSecrets] = useState<Record<(typeof SIGNED)[number], SecretState>>({ dingtalk: { secret: "", clearSecret: false }, feishu: { secret: "", clearSecret: false } });
  const [state, setState] = useState(() => ({
    email: initial.email.enabled,
    ...Object.fromEntries(IM.map(({ key }) => [key, { enabled: initial[key].enabled, address: initial[key].address ?? "" }])),
  }) as { email: boolean } & Record<"wecom" | "dingtalk" | "feishu", { enabled: boolean; address: string }>);
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  return (
    <form
      data-testid="notification-preferences"
      className="mt-6 space-y-6"
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        setError(null);
        setSaved(false);
        try {
          await api("/api/settings/notifications", {
            body: { email: { enabled: state.email }, wecom: state.wecom, dingtalk: { ...state.dingtalk, ...secrets.dingtalk }, feishu: { ...state.feishu, ...secrets.feishu } },
          });
          setSecrets({ dingtalk: { secret: "", clearSecret: false }, feishu: { secret: "", clearSecret: false } });
          setSaved(true);
          router.refresh();
        } catch (err) {
          setError(err as ApiError);
        } finally {
          setBusy(false);
        }
      }}
    >
      <fieldset className="rounded-md border border-slate-300 p-4">
        <legend className="px-1 font-semibold">{t("settings.email")}</legend>
        <label className="flex items-center gap-2">
          <input type="checkbox" name="email" checked={state.email} onChange={(e) => setState({ ...state, email: e.target.checked })} />
          {t("settings.sendTo", { address: initial.emailAddress })}
        </label>
      </fieldset>
      {IM.map(({ key, example }) => {
        const fieldError = error?.fields?.[`${key}.address`] ?? error?.fields?.[key];
        return (
          <fieldset key={key} className="rounded-md border border-slate-300 p-4">
            <legend className="px-1 font-semibold">{t(`settings.${key}`)}</legend>
            <label className="flex items-center gap-2">
              <input type="checkbox" name={`${key}-enabled`} checked={state[key].enabled} onChange={(e) => setState({ ...state, [key]: { ...state[key], enabled: e.target.checked } })} />
              {t("settings.enabled")}
            </label>
            <label className="mt-2 block">
              {t("settings.address")}
              <input
                name={`${key}-address`}
                type="url"
                inputMode="url"
                autoComplete="off"
                placeholder={example}
                value={state[key].address}
                onChange={(e) => setState({ ...state, [key]: { ...state[key], address: e.target.value } })}
                aria-invalid={fieldError ? true : undefined}
                aria-describedby={fieldError ? `${key}-error` : undefined}
                className={input}
              />
            </label>
            {fieldError && <p id={`${key}-error`} className="mt-1 text-sm text-red-800">{fieldError}</p>}
            {key !== "wecom" && (() => {
              const hint = initial[key].secretHint;
              const secretError = error?.fields?.[`${key}.secret`];
              return (
                <div className="mt-3">
                  <label className="block">
                    {t("notifications.secret.label")}
                    <input
                      name={`${key}-secret`}
                      type="password"
                      autoComplete="new-password"
                      value={secrets[key].secret}
                      onChange={(e) => setSecrets({ ...secrets, [key]: { ...secrets[key], secret: e.target.value } })}
                      aria-invalid={secretError ? true : undefined}
                      aria-describedby={`${key}-secret-help${secretError ? ` ${key}-secret-error` : ""}`}
                      className={input}
                    />
                  </label>
                  <p id={`${key}-secret-help`} className="mt-1 text-sm text-slate-700">
                    {t("notifications.secret.help")}{" "}
                    <span data-testid={`${key}-secret-hint`}>{hint ? t("notifications.secret.stored", { hint }) : t("notifications.secret.none")}</span>
                  </p>
                  {secretError && <p id={`${key}-secret-error`} className="mt-1 text-sm text-red-800">{secretError}</p>}
                  {hint && (
                    <label className="mt-1 flex items-center gap-2 text-sm">
                      <input type="checkbox" name={`${key}-clear-secret`} checked={secrets[key].clearSecret} onChange={(e) => setSecrets({ ...secrets, [key]: { ...secrets[key], clearSecret: e.target.checked } })} />
                      {t("notifications.secret.clear")}
                    </label>
                  )}
                </div>
              );
            })()}
          </fieldset>
        );
      })}
      {error && (
        <div role="alert" data-testid="notification-preferences-error" className="rounded-md border border-red-400 bg-red-50 p-2 text-sm text-red-900">
          {error.message}
        </div>
      )}
      {saved && <p role="status" className="text-green-800">{t("settings.saved")}</p>}
      <button type="submit" disabled={busy} className="rounded-md bg-blue-700 px-4 py-2 font-medium text-white disabled:opacity-60">{t("settings.save")}</button>
    </form>
  );
}
