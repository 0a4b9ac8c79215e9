import Link from "next/link";
import { requirePageActor } from "@/lib/auth/session";
import { ctxFor } from "@/lib/http/ctx";
import { fmt, STATUS_LABEL } from "@/lib/questions/labels";
import { listMyQuestions } from "@/lib/questions/list-questions";
import { questionRef } from "@/lib/kernel/question-ref";

export const dynamic = "force-dynamic";

export default async function MyQuestionsPage() {
  const actor = await requirePageActor();
  const questions = await listMyQuestions(ctxFor(actor));
  return (
    <div className="mx-auto max-w-3xl">
      <h1 className="text-2xl font-bold">我的问题</h1>
      <p className="mt-1 text-sm"><Link className="text-blue-700 underline" href="/settings/notifications">通知设置（邮件、企业微信、钉钉、飞书）</Link></p>
      {questions.length === 0 ? (
        <p className="mt-4">你还没有提交过问题。<Link className="text-blue-700 underline" href="/ask">我要提问</Link></p>
      ) : (
        <ul className="mt-4 divide-y divide-slate-200 rounded-md border border-slate-300 bg-white" data-testid="my-questions">
          {questions.map((q) => (
            <li key={q.id} className="p-3">
              <Link href={`/questions/${q.id}`} className="font-medium text-blue-700 hover:underline">{questionRef(q.number)} {q.body.slice(0, 60)}</Link>
              <p className="text-sm text-slate-600">{STATUS_LABEL[q.status]} · {q.line.name} · 首问责任人 <bdi>{q.owner?.name ?? "待分派"}</bdi> · 办结时限 {fmt(q.resolutionDueAt)}</p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
