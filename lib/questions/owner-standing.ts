// Where a question stands with its owners, as the asker and the owner read it: who owns it, why them,
// and each change of owner. Pure over rows the detail already loads (ownerships and events), so the
// reason shown is the one recorded when the decision was made, not one recomputed from today's matrix.

export type OwnerReason =
  | "only-in-matrix" | "roster" | "least-loaded" | "longest-assigned" | "fallback-manager" | "fallback-admin"
  | "named" | "handoff" | "escalation" | "reassigned" | "taken-over" | "unknown";

export interface OwnershipRow {
  id: string;
  userId: string;
  via: string;
  startedAt: Date;
  endedAt: Date | null;
  user: { name: string };
}

export interface EventRow {
  type: string;
  createdAt: Date;
  data: unknown;
}

export interface OwnerChange {
  id: string;
  at: Date;
  toName: string;
  fromName: string | null;
  reason: OwnerReason;
}

const ROUTING_REASONS = new Set<string>(["only-in-matrix", "roster", "least-loaded", "longest-assigned", "fallback-manager", "fallback-admin", "named"]);

const dataOf = (e: EventRow) => (e.data && typeof e.data === "object" ? (e.data as Record<string, unknown>) : {});

/** Why this ownership began: the ROUTED event's stored reason, else what the ownership row says. */
function reasonFor(o: OwnershipRow, events: EventRow[]): OwnerReason {
  if (o.via === "NAMED") return "named";
  if (o.via === "HANDOFF") return "handoff";
  if (o.via === "ESCALATION") return "escalation";
  if (o.via === "ROUTED") {
    const routed = events.find((e) => e.type === "ROUTED" && dataOf(e).ownerId === o.userId);
    const reason = routed ? dataOf(routed).reason : undefined;
    return typeof reason === "string" && ROUTING_REASONS.has(reason) ? (reason as OwnerReason) : "unknown";
  }
  // Kinds added later (a manager's reassignment or take-over) are named by their via in lower case.
  const lower = o.via.toLowerCase().replace(/_/g, "-");
  return lower === "reassigned" || lower === "reassignment" ? "reassigned" : lower === "taken-over" || lower === "takeover" ? "taken-over" : "unknown";
}

/** Every change of owner, oldest first (the first is the routing itself, with no previous owner). */
export function ownerChanges(ownerships: OwnershipRow[], events: EventRow[]): OwnerChange[] {
  const sorted = [...ownerships].sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime());
  return sorted.map((o, i) => ({ id: o.id, at: o.startedAt, toName: o.user.name, fromName: i > 0 ? sorted[i - 1]!.user.name : null, reason: reasonFor(o, events) }));
}

/** The reason the current owner holds the question ("为什么是我 / 为什么是他"), or null when unowned. */
export function currentOwnerReason(ownerId: string | null, ownerships: OwnershipRow[], events: EventRow[]): OwnerReason | null {
  if (!ownerId) return null;
  const current = [...ownerships].reverse().find((o) => o.userId === ownerId && o.endedAt === null) ?? [...ownerships].reverse().find((o) => o.userId === ownerId);
  return current ? reasonFor(current, events) : "unknown";
}
