import { authedRoute } from "@/lib/http/route";
import { ctxFor } from "@/lib/http/ctx";
import { getT } from "@/lib/i18n/t";
import { deadlineSentenceParts } from "@/lib/questions/deadline-sentence";
import { previewDeadlines } from "@/lib/questions/preview-deadlines";

export const dynamic = "force-dynamic";

// GET /api/ask/deadlines?line=<id>[&urgent=1]: the deadlines a question filed now would get, and the sentence.
export const GET = authedRoute({}, async ({ req, actor }) => {
  const ctx = ctxFor(actor);
  const p = await previewDeadlines(ctx, Object.fromEntries(req.nextUrl.searchParams));
  const t = await getT();
  return {
    ...p,
    sentence: t("deadline.sentence", deadlineSentenceParts(p.firstResponseDueAt, p.resolutionDueAt, ctx.now, t.locale) as unknown as Record<string, string>),
  };
});
