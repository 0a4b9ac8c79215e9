"use client";

import { signOut } from "next-auth/react";
import { useState } from "react";
import { useT } from "./i18n-provider";

/** next-auth's signOut POSTs with its CSRF token; the signOut event revokes the server-side session row. */
export function SignOutButton() {
  const t = useT();
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      data-testid="signout"
      disabled={pending}
      className="rounded border border-slate-400 px-2 py-1 text-slate-800 hover:bg-slate-100 disabled:opacity-60"
      onClick={() => {
        setPending(true);
        void signOut({ callbackUrl: "/signin" }).catch(() => setPending(false));
      }}
    >
      {t("auth.signOut")}
    </button>
  );
}
