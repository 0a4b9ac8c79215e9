import { addRosterEntry } from "@/lib/admin/add-roster-entry";
import { addSynonyms } from "@/lib/admin/add-synonyms";
import { saveCalendarOverride } from "@/lib/admin/save-calendar-override";
import { savePhrase } from "@/lib/admin/save-phrase";
import { saveTimeLimit } from "@/lib/admin/save-time-limit";
import { setAssignment } from "@/lib/admin/set-assignment";
import { setHandoffReceivers } from "@/lib/admin/set-handoff-receivers";
import { updateUser } from "@/lib/admin/update-user";
import { importOfficialCalendar } from "@/lib/admin/import-official-calendar";
import { saveWorkingHours } from "@/lib/admin/save-working-hours";
import { saveReviewSetting } from "@/lib/complaints/save-review-setting";
import { saveEscalationSettings } from "@/lib/admin/save-escalation-settings";
import { db } from "@/lib/db/client";
import { serverEnv } from "@/lib/env";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { authedRoute } from "@/lib/http/route";
import { ctxFor } from "@/lib/http/ctx";
import type { Ctx } from "@/lib/kernel/context";
import { indexCounts, reindex } from "@/lib/search/sync-index";

const ACTIONS: Record<string, (ctx: Ctx, input: unknown) => Promise<unknown>> = {
  assignment: setAssignment,
  roster: addRosterEntry,
  phrase: savePhrase,
  user: updateUser,
  "time-limit": saveTimeLimit,
  calendar: saveCalendarOverride,
  "handoff-receivers": setHandoffReceivers,
  "calendar-official": importOfficialCalendar,
  "working-hours": saveWorkingHours,
  "complaint-review": saveReviewSetting,
  "escalation-settings": saveEscalationSettings,
  reindex: async () => {
    const options = { prefix: serverEnv().MEILI_INDEX_PREFIX };
    const result = await reindex(db(), options);
    return { synced: result.synced.length, ...(await indexCounts(db(), options)) };
  },
};

// Synonyms are open to policy owners too; the verb checks. Everything else needs ADMIN here and in the verb.
export const POST = authedRoute<{ action: string }>({}, async ({ actor, params, body }) => {
  if (params.action === "synonyms") return (await addSynonyms(ctxFor(actor), body)) ?? { ok: true };
  if (!actor.roles.includes("ADMIN")) throw new ForbiddenError("需要管理员权限");
  const verb = ACTIONS[params.action];
  if (!verb) throw new NotFoundError("没有这个操作");
  return (await verb(ctxFor(actor), body)) ?? { ok: true };
});
