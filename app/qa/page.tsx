import Link from "next/link";
import { DrawForm, GradeForm } from "@/components/qa/qa-forms";
import { requirePageActor } from "@/lib/auth/session";
import { ctxFor } from "@/lib/http/ctx";
import { REGRADE_DAYS } from "@/lib/qa/grade-qa-review";
import { listQaReviews, type QaReviewItem } from "@/lib/qa/list-qa-reviews";
import { fmt, RESOLUTION_LABEL } from "@/lib/questions/labels";
import { questionRef } from "@/lib/kernel/question-ref";

export const dynamic = "force-dynamic";
export const metadata = { title: "质检抽查" };

const day = (d: Date) => d.toISOString().slice(0, 10);

function Review({ r, children }: { r: QaReviewItem; children?: React.ReactNode }) {
  const q = r.question;
  const ownerReplies = q.replies.filter((x) => x.authorId !== q.askerId);
  return (
    <article className="space-y-2 rounded-md border border-slate-300 bg-white p-3" data-testid={`qa-review-${r.id}`}>
      <h3 className="font-medium">
        <Link href={`/questions/${q.id}`} className="text-blue-700 hover:underline">{questionRef(q.number)}</Link>
        <span className="ml-2 text-sm font-normal text-slate-700">
          {q.line.name} · 抽检周 {day(r.weekStart)} · 办结人 <bdi>{r.owner?.name ?? "—"}</bdi>{r.department ? `（${r.department.name}）` : ""}
          {r.reviewer ? ` · 质检员 ${r.reviewer.name}` : " · 未分配质检员"}
        </span>
      </h3>
      <p className="whitespace-pre-wrap break-words text-sm"><span className="font-medium">问题：</span>{q.body}</p>
      <details className="text-sm" open={ownerReplies.length <= 3}>
        <summary className="cursor-pointer text-blue-700">答复（{ownerReplies.length}）</summary>
        <ol className="mt-1 space-y-1 pl-4">
          {ownerReplies.map((x) => (
            <li key={x.id} className="break-words">
              <span className="text-slate-600">{fmt(x.createdAt)} <bdi>{x.author.name}</bdi>：</span>
              <span className="whitespace-pre-wrap">{x.body}</span>
              {x.checklist.length > 0 && <ul className="list-disc pl-5">{x.checklist.map((c, i) => <li key={i}>{c}</li>)}</ul>}
            </li>
          ))}
        </ol>
      </details>
      <p className="text-sm break-words">
        <span className="font-medium">办结：</span>{fmt(q.resolvedAt)} · {q.resolutionKind ? RESOLUTION_LABEL[q.resolutionKind] : "—"}
        {q.resolutionNote ? <span className="whitespace-pre-wrap"> · {q.resolutionNote}</span> : null}
      </p>
      {children}
    </article>
  );
}

export default async function QaPage() {
  const actor = await requirePageActor("QA_REVIEWER", "ADMIN");
  const { pending, graded, lastDraw, sampleSize, isAdmin } = await listQaReviews(ctxFor(actor));
  return (
    <div className="mx-auto max-w-4xl space-y-8">
      <header className="space-y-1">
        <h1 className="text-2xl font-bold">质检抽查</h1>
        <p className="text-sm text-slate-700">
          每周一自动从上一周办结的问题中按办结人所在部门各随机抽取 {sampleSize} 个，轮流分配给质检员。
          评分后 {REGRADE_DAYS} 天内可修改{isAdmin ? "（管理员可随时更正）" : "，之后如需更正请联系管理员"}；评分计入办结人的首问考核。
        </p>
        <p className="text-sm text-slate-700">
          最近一次抽样：{lastDraw ? `抽检周 ${day(lastDraw.weekStart)}，共 ${lastDraw.drawn} 个，${fmt(lastDraw.drawnAt)}` : "尚未抽样"}
        </p>
        <DrawForm />
      </header>

      <section aria-labelledby="pending-h" className="space-y-3">
        <h2 id="pending-h" className="text-lg font-semibold">{isAdmin ? "全部待评分" : "待我评分"}（{pending.length}）</h2>
        {pending.length === 0 && <p className="text-slate-600">没有待评分的抽检。</p>}
        {pending.map((r) => (
          <Review key={r.id} r={r}>
            <GradeForm reviewId={r.id} submitLabel="提交评分" />
          </Review>
        ))}
      </section>

      <section aria-labelledby="graded-h" className="space-y-3">
        <h2 id="graded-h" className="text-lg font-semibold">{isAdmin ? "最近评分" : "我最近的评分"}（{graded.length}）</h2>
        {graded.length === 0 && <p className="text-slate-600">还没有评分。</p>}
        {graded.map((r) => (
          <Review key={r.id} r={r}>
            <p className="text-sm">
              <span className="font-medium">评分：{r.grade} 分</span>（{fmt(r.gradedAt)}）{r.comment ? <> · <bdi>{r.comment}</bdi></> : ""}
              {r.regradeUntil && <span className="text-slate-600"> · 可修改至 {fmt(r.regradeUntil)}</span>}
            </p>
            {r.canGrade && (
              <details className="text-sm">
                <summary className="cursor-pointer text-blue-700">修改评分</summary>
                <GradeForm reviewId={r.id} grade={r.grade} comment={r.comment} submitLabel="保存修改" />
              </details>
            )}
          </Review>
        ))}
      </section>
    </div>
  );
}
