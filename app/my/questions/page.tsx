import Link from "next/link";
import { requirePageActor } from "@/lib/auth/session";
import { ctxFor } from "@/lib/http/ctx";
import { fillTemplate } from "@/components/questions/fill-template";
import { getT } from "@/lib/i18n/t";
import { fmt } from "@/lib/questions/labels";
import { listMyQuestions } from "@/lib/questions/list-questions";
import { questionRef } from "@/lib/kernel/question-ref";

export const dynamic = "force-dynamic";

export default async function MyQuestionsPage() {
  const actor = await requirePageActor();
  const [questions, t] = await Promise.all([listMyQuestions(ctxFor(actor)), getT()]);
  return (
    <div className="mx-auto max-w-3xl">
      <h1 className="text-2xl font-bold">{t("nav.myQuestions")}</h1>
      <p className="mt-1 text-sm"><Link className="text-blue-700 underline" href="/settings/notifications">{t("my.settingsLink")}</Link></p>
      {questions.length === 0 ? (
        <p className="mt-4">{t("my.empty")}<Link className="text-blue-700 underline" href="/ask">{t("nav.ask")}</Link></p>
      ) : (
        <ul className="mt-4 divide-y divide-slate-200 rounded-md border border-slate-300 bg-white" data-testid="my-questions">
          {questions.map((q) => (
            <li key={q.id} className="p-3">
              <Link href={`/questions/${q.id}`} className="font-medium text-blue-700 hover:underline">{questionRef(q.number)} {q.body.slice(0, 60)}</Link>
              <p className="text-sm text-slate-600">{fillTemplate(t("my.row"), { status: t(`status.${q.status}`), line: q.line.name, owner: <bdi>{q.owner?.name ?? t("standing.unassigned")}</bdi>, due: fmt(q.resolutionDueAt) })}</p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
