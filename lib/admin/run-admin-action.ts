import "server-only";
// The admin settings actions, by name (POST /api/admin/[action]). Synonyms are open to policy owners too
// (the verb checks); everything else needs ADMIN here and again in the verb.
import { serverEnv } from "../env";
import { ForbiddenError, m } from "../errors";
import { actionNamed } from "../http/action-table";
import { saveReviewSetting } from "../complaints/save-review-setting";
import { indexCounts, reindex } from "../search/sync-index";
import { addRosterEntry } from "./add-roster-entry";
import { addSynonyms } from "./add-synonyms";
import { saveCalendarOverride } from "./save-calendar-override";
import { savePhrase } from "./save-phrase";
import { saveTimeLimit } from "./save-time-limit";
import { setAssignment } from "./set-assignment";
import { setHandoffReceivers } from "./set-handoff-receivers";
import { updateUser } from "./update-user";
import { importOfficialCalendar } from "./import-official-calendar";
import { saveEscalationSettings } from "./save-escalation-settings";
import { saveWorkingHours } from "./save-working-hours";

type AdminCtx = Parameters<typeof setAssignment>[0];

/** Rebuilds the search index from the database and answers with what it holds now. */
export async function reindexSearch(ctx: AdminCtx) {
  if (!ctx.actor.roles.includes("ADMIN")) throw new ForbiddenError(m("errors.needAdmin"));
  const options = { prefix: serverEnv().MEILI_INDEX_PREFIX };
  const result = await reindex(ctx.db, options);
  return { synced: result.synced.length, ...(await indexCounts(ctx.db, options)) };
}

const ACTIONS: Record<string, (ctx: AdminCtx, input: unknown) => Promise<unknown>> = {
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
  reindex: reindexSearch,
};

/** Runs one named action; an unknown name (also one inherited from Object.prototype) is a 404. */
export async function runAdminAction(ctx: AdminCtx, action: string, input: unknown): Promise<unknown> {
  if (action === "synonyms") return (await addSynonyms(ctx, input)) ?? { ok: true };
  if (!ctx.actor.roles.includes("ADMIN")) throw new ForbiddenError(m("errors.needAdmin"));
  return (await actionNamed(ACTIONS, action)(ctx, input)) ?? { ok: true };
}
