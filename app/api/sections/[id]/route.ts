import { z } from "zod";
import { db } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors";
import { authedRoute, parseInput } from "@/lib/http/route";

export const GET = authedRoute<{ id: string }>({}, async ({ params }) => {
  const { id } = parseInput(z.object({ id: z.string().uuid("条款编号无效") }), params);
  const s = await db().policySection.findFirst({
    where: { id, policy: { status: "ACTIVE" } },
    select: { id: true, label: true, heading: true, chapter: true, text: true, policy: { select: { id: true, title: true } } },
  });
  if (!s) throw new NotFoundError("条款不存在");
  return { id: s.id, policyId: s.policy.id, policyTitle: s.policy.title, label: s.label, heading: s.heading, chapter: s.chapter, text: s.text };
});
