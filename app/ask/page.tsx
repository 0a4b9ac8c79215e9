import { AskFlow } from "@/components/ask/ask-flow";
import { authedPage } from "@/lib/http/page";
import { getT } from "@/lib/i18n/t";
import { askDefaults } from "@/lib/questions/ask-defaults";

export const dynamic = "force-dynamic";

export default async function AskPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { user, lines, leaders } = await authedPage([], ({ ctx }) => askDefaults(ctx));
  const q = (await searchParams).q;
  const t = await getT();
  return (
    <div className="mx-auto max-w-3xl">
      <h1 className="mb-1 text-2xl font-bold">{t("nav.ask")}</h1>
      <p className="mb-6 text-slate-700">{t("askPage.intro")}</p>
      <AskFlow
        initialQuery={typeof q === "string" ? q.slice(0, 5000) : ""}
        defaults={{
          lines,
          lineId: lines[0]?.id ?? "",
          contactName: user.name,
          contactDepartment: user.department?.name ?? "",
          contactPhone: user.phone ?? "",
          contactIm: user.im ?? "",
          leaders: leaders.map((l) => ({ id: l.id, label: `${l.name}${l.title ? t("punct.paren", { text: l.title }) : ""}` })),
        }}
      />
    </div>
  );
}
