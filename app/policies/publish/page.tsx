import type { Metadata } from "next";
import { PublishForm } from "@/components/policies/publish-form";
import { getT } from "@/lib/i18n/t";
import { authedPage } from "@/lib/http/page";
import { publishOptions } from "@/lib/policies/publish-options";

export const dynamic = "force-dynamic";
export async function generateMetadata(): Promise<Metadata> {
  const t = await getT();
  return { title: t("policies.publish") };
}

export default async function PublishPolicyPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const options = await authedPage(["POLICY_OWNER", "ADMIN"], ({ ctx }) => publishOptions(ctx));
  const replace = (await searchParams).policy;
  const t = await getT();
  return (
    <div className="mx-auto max-w-3xl">
      <h1 className="text-2xl font-bold">{t("policies.publish")}</h1>
      <p className="mt-2 text-sm text-slate-700">
        {t("policies.publish.intro")}
      </p>
      {options.lines.length === 0 ? (
        <p className="mt-6 rounded-md border border-amber-400 bg-amber-50 p-3 text-sm" data-testid="publish-no-lines">{t("policies.publish.noLines")}</p>
      ) : (
        <PublishForm lines={options.lines} policies={options.policies} initialPolicyId={typeof replace === "string" ? replace : null} />
      )}
    </div>
  );
}
