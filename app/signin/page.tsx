import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { z } from "zod";
import { SignInForm } from "@/components/signin-form";
import { getActor } from "@/lib/auth/session";
import { serverEnv } from "@/lib/env";
import { getT } from "@/lib/i18n/t";
import { safeLocalPath } from "@/lib/navigation";

export const dynamic = "force-dynamic";
export async function generateMetadata(): Promise<Metadata> {
  const t = await getT();
  return { title: t("auth.signIn") };
}

const params = z.object({
  // next-auth may hand over an absolute URL of this site; the form turns it into a path or "/".
  callbackUrl: z.string().max(2000).catch("/").default("/"),
  error: z.string().max(100).optional().catch(undefined),
});

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = await searchParams;
  const input = params.parse({ callbackUrl: raw.callbackUrl, error: raw.error });
  const [actor, t] = await Promise.all([getActor(), getT()]);
  // Already signed in: go where the user was heading (only paths on this site).
  if (actor) redirect(safeLocalPath(input.callbackUrl, "/"));
  const env = serverEnv();
  return (
    <div className="mx-auto max-w-sm">
      <h1 className="text-2xl font-bold">{t("auth.title")}</h1>
      <p className="mt-1 text-slate-700">{t("auth.intro")}</p>
      <SignInForm
        callbackUrl={input.callbackUrl}
        initialError={input.error}
        oidc={env.OIDC_ISSUER ? { displayName: env.OIDC_DISPLAY_NAME ?? t("auth.oidcDefaultName") } : null}
      />
    </div>
  );
}
