import { AskFlow } from "@/components/ask/ask-flow";
import { requirePageActor } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { ancestry } from "@/lib/kernel/org-chart";

export const dynamic = "force-dynamic";

export default async function AskPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageActor();
  const q = (await searchParams).q;
  const [user, lines] = await Promise.all([
    db().user.findUniqueOrThrow({ where: { id: actor.id }, select: { name: true, phone: true, im: true, departmentId: true, department: { select: { name: true } } } }),
    db().businessLine.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }),
  ]);
  const chain = user.departmentId ? await ancestry(db(), user.departmentId) : [];
  const leaderIds = [...new Set(chain.map((d) => d.managerId).filter((m): m is string => !!m && m !== actor.id))];
  const leaders = await db().user.findMany({ where: { id: { in: leaderIds }, disabledAt: null }, select: { id: true, name: true, title: true } });
  return (
    <div className="mx-auto max-w-3xl">
      <h1 className="mb-1 text-2xl font-bold">我要提问</h1>
      <p className="mb-6 text-slate-700">我有认真看制度吗？先看看下面的条款，也许答案已经在制度里。</p>
      <AskFlow
        initialQuery={typeof q === "string" ? q.slice(0, 5000) : ""}
        defaults={{
          lines,
          lineId: lines[0]?.id ?? "",
          contactName: user.name,
          contactDepartment: user.department?.name ?? "",
          contactPhone: user.phone ?? "",
          contactIm: user.im ?? "",
          leaders: leaderIds.map((id) => leaders.find((l) => l.id === id)).filter((l) => !!l).map((l) => ({ id: l!.id, label: `${l!.name}${l!.title ? `（${l!.title}）` : ""}` })),
        }}
      />
    </div>
  );
}
