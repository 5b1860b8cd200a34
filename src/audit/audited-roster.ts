/**
 * The staff roster in the audit trail: who judges an account "not on the roster" is decided by it,
 * so replacing it is recorded like any change — one REPLACE_ROSTER event per replacement (by
 * `replaceRoster`, or the `review.rosterFile` loaded), under source `rollcall`, target `roster`.
 * What the event keeps is counts (entries before and after, added, removed, renamed), never the
 * entries themselves: the roster is a list of people, and the trail keeps what changed, not a copy.
 */
import type { RosterEntry } from "../history/snapshot.js";
import { StepAction } from "../plans/plan.js";
import type { AuditIntent, HistoryStore } from "../store/store.js";
import type { AuditTrail } from "./audit-trail.js";
import type { LiveAnswer } from "./live-state.js";
import { applied, unchanged } from "./outcome-parts.js";

/** What `before` and `after` of a roster event hold. */
export interface RosterCounts {
  /** Entries the roster holds. */
  readonly entries: number;
}

/** What one replacement does, counted against the roster it replaces. */
export interface RosterChange extends RosterCounts {
  /** Emails on the new roster and not the old one. */
  readonly added: number;
  /** Emails on the old roster and not the new one. */
  readonly removed: number;
  /** Emails on both whose name changed. */
  readonly renamed: number;
}

export const ROSTER_TARGET = "roster";

/** The new roster against the old, by email (an email listed twice counts once: the last wins). */
export function rosterChange(now: readonly RosterEntry[], next: readonly RosterEntry[]): RosterChange {
  const old = new Map(now.map((e) => [e.personKey, e.name]));
  const fresh = new Map(next.map((e) => [e.personKey, e.name]));
  let added = 0;
  let renamed = 0;
  for (const [key, name] of fresh) {
    if (!old.has(key)) added += 1;
    else if (old.get(key) !== name) renamed += 1;
  }
  const removed = [...old.keys()].filter((key) => !fresh.has(key)).length;
  return { entries: fresh.size, added, removed, renamed };
}

export const changesNothing = (c: RosterChange) => c.added === 0 && c.removed === 0 && c.renamed === 0;

/**
 * Replaces the roster with `entries` (supplied `by`), recorded in the trail: the event first (the
 * roster untouched if it can't be recorded), then the replacement, stamped with the event's time,
 * then its outcome — UNCHANGED, and nothing written, when the roster already holds these entries.
 * The counts are against the roster as read just before.
 */
export async function auditedRosterReplacement(
  trail: AuditTrail,
  history: Pick<HistoryStore, "roster" | "replaceRoster">,
  entries: readonly RosterEntry[],
  by: string,
): Promise<RosterChange> {
  const now = await history.roster();
  const change = rosterChange(now, entries);
  const at = new Date();
  return trail.own(
    {
      at,
      target: ROSTER_TARGET,
      action: StepAction.REPLACE_ROSTER,
      before: { entries: new Set(now.map((e) => e.personKey)).size } satisfies RosterCounts,
      after: change,
      what: "the staff roster",
    },
    async () => {
      if (!changesNothing(change)) await history.replaceRoster(entries, by, at);
      return change;
    },
    (done) =>
      changesNothing(done)
        ? unchanged("The roster already held these entries")
        : applied(
            `${done.entries} entries: ${done.added} added, ${done.removed} removed, ${done.renamed} renamed`,
          ),
  );
}

const countOf = (value: unknown, key: keyof RosterChange): number | null => {
  const n = value && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined;
  return typeof n === "number" ? n : null;
};

/**
 * Whether a roster event's replacement shows in the store (how settling answers one whose outcome
 * was never recorded): the roster's newest entries were supplied at the event's time, which only
 * that replacement stamps. A roster supplied before it is one the replacement never reached; one
 * supplied after it was replaced again since, and says nothing of this one.
 */
export async function rosterState(
  event: AuditIntent,
  history: Pick<HistoryStore, "rosterStamp">,
): Promise<LiveAnswer> {
  const after = event.after;
  if (["added", "removed", "renamed"].every((k) => countOf(after, k as keyof RosterChange) === 0))
    return { applied: true, why: "it changed nothing: the roster already held these entries" };
  let stamp: Awaited<ReturnType<HistoryStore["rosterStamp"]>>;
  try {
    stamp = await history.rosterStamp();
  } catch {
    // The store's own words (a file, a database) stay out of the record.
    return { unreadable: "Rollcall's store could not be read" };
  }
  const at = event.at.getTime();
  const supplied = stamp.suppliedAt?.getTime() ?? null;
  if (countOf(after, "entries") === 0 && stamp.entries === 0)
    return { applied: true, why: "the roster is empty, as the change makes it" };
  if (supplied === at)
    return { applied: true, why: `the roster holds the ${stamp.entries} entries supplied by this change` };
  if (supplied === null || supplied < at)
    return { applied: false, why: "the roster is still the one supplied before this change" };
  return { unreadable: "the roster was replaced again since, so whether this change was made can't be read" };
}
