"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useT } from "./i18n-provider";

/** "Sign in" that returns to the page the user tried to open (unauthorized.tsx gets no props). */
export function SignInLink() {
  const t = useT();
  const pathname = usePathname();
  const href = `/signin?${new URLSearchParams({ callbackUrl: pathname })}`;
  return (
    <Link href={href} data-testid="unauthorized-signin" className="inline-block rounded-md bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800">
      {t("auth.signIn")}
    </Link>
  );
}
