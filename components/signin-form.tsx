"use client";

import { signIn } from "next-auth/react";
import { useState } from "react";
import type { MessageKey } from "@/lib/i18n/messages/zh-CN";
import { safeLocalPath } from "@/lib/navigation";
import { useT } from "./i18n-provider";

/** next-auth error codes (from ?error= or signIn's result) → what the user is told. */
const ERROR_MESSAGES: Record<string, MessageKey> = {
  CredentialsSignin: "auth.error.credentials",
  RateLimited: "auth.error.rateLimited",
  AccountDisabled: "auth.error.disabled",
  OidcNoEmail: "auth.error.oidcNoEmail",
  OidcEmailUnverified: "auth.error.oidcUnverified",
  OidcSubjectMismatch: "auth.error.oidcSubjectMismatch",
  OAuthSignin: "auth.error.oidc",
  OAuthCallback: "auth.error.oidc",
  OAuthCreateAccount: "auth.error.oidc",
  OAuthAccountNotLinked: "auth.error.oidc",
  Callback: "auth.error.oidc",
  SessionRequired: "auth.error.sessionRequired",
};

function errorKey(code: string | null | undefined, status?: number): MessageKey | null {
  if (status === 429) return "auth.error.rateLimited";
  if (!code) return null;
  return ERROR_MESSAGES[code] ?? "auth.error.generic";
}

export function SignInForm({
  callbackUrl,
  initialError,
  oidc,
}: {
  callbackUrl: string;
  initialError?: string;
  oidc: { displayName: string } | null;
}) {
  const t = useT();
  const [error, setError] = useState<MessageKey | null>(() => errorKey(initialError));
  const [isPending, setPending] = useState(false);
  const isFieldError = error === "auth.error.credentials" || error === "auth.error.missingFields";

  // Computed when used (window exists only in the browser): a path on this site, never elsewhere.
  const target = () => safeLocalPath(callbackUrl, "/", window.location.origin);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const email = String(form.get("email") ?? "").trim();
    const password = String(form.get("password") ?? "");
    if (!email || !password) {
      setError("auth.error.missingFields");
      return;
    }
    setPending(true);
    setError(null);
    try {
      const res = await signIn("credentials", { email, password, redirect: false, callbackUrl: target() });
      if (res?.ok && !res.error) {
        // A full load, so the server renders the header and pages with the new session cookie.
        window.location.assign(target());
        return;
      }
      setError(errorKey(res?.error ?? "CredentialsSignin", res?.status));
    } catch {
      setError("auth.error.network");
    }
    setPending(false);
  }

  return (
    <div className="mt-6">
      <div role="alert">
        {error && (
          <p id="signin-error" data-testid="signin-error" className="mb-4 rounded-md border border-red-700 bg-red-50 p-3 text-red-800">
            {t(error)}
          </p>
        )}
      </div>
      <form noValidate onSubmit={onSubmit} className="flex flex-col gap-4" aria-busy={isPending}>
        <div className="flex flex-col gap-1">
          <label htmlFor="email" className="font-medium">
            {t("auth.email")}
          </label>
          <input
            id="email"
            name="email"
            type="email"
            autoComplete="username"
            inputMode="email"
            required
            maxLength={200}
            aria-invalid={isFieldError || undefined}
            aria-describedby={isFieldError ? "signin-error" : undefined}
            className="rounded-md border border-slate-500 bg-white px-3 py-2 text-base"
          />
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="password" className="font-medium">
            {t("auth.password")}
          </label>
          <input
            id="password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            maxLength={200}
            aria-invalid={isFieldError || undefined}
            aria-describedby={isFieldError ? "signin-error" : undefined}
            className="rounded-md border border-slate-500 bg-white px-3 py-2 text-base"
          />
        </div>
        <button
          type="submit"
          data-testid="signin-submit"
          disabled={isPending}
          className="rounded-md bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 disabled:opacity-70"
        >
          {isPending ? t("auth.signingIn") : t("auth.signIn")}
        </button>
      </form>
      {oidc && (
        <>
          <p className="my-4 text-center text-slate-700" aria-hidden="true">
            — {t("auth.or")} —
          </p>
          <button
            type="button"
            data-testid="signin-oidc"
            disabled={isPending}
            onClick={() => {
              setPending(true);
              void signIn("oidc", { callbackUrl: target() }).catch(() => {
                setError("auth.error.network");
                setPending(false);
              });
            }}
            className="w-full rounded-md border border-blue-700 bg-white px-4 py-2 font-medium text-blue-800 hover:bg-blue-50 disabled:opacity-70"
          >
            {t("auth.oidc", { name: oidc.displayName })}
          </button>
        </>
      )}
    </div>
  );
}
