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
import type { AuditTrail, OwnChange } from "./audit-trail.js";
import type { OutcomePart } from "./failure-outcome.js";
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
 * Replaces the roster with `entries` (supplied `by`), recorded in the trail as one unit with it
 * (AuditTrail.own, HistoryStore.replaceRosterRecorded): under the roster's lock the store reads the
 * roster, the change is counted against it, and the event, its outcome and the new roster (stamped
 * with the event's time) commit together — UNCHANGED, and only the event written, when the roster
 * already holds these entries. Replacements made at once (two callers, two replicas) so run one
 * after the other, each event counting the change it made: its `before` is the roster the previous
 * one left. A replacement whose unit failed changed nothing and is recorded FAILED, counted against
 * the roster it read (or, if it never read one, with its entries alone).
 */
export async function auditedRosterReplacement(
  trail: AuditTrail,
  history: Pick<HistoryStore, "replaceRosterRecorded">,
  entries: readonly RosterEntry[],
  by: string,
): Promise<RosterChange> {
  const made: { change?: RosterChange; attempt?: OwnChange } = {};
  await trail.own(
    "the staff roster",
    (intentOf) =>
      history.replaceRosterRecorded(entries, by, (now) => {
        const change = rosterChange(now, entries);
        const attempt: OwnChange = {
          at: new Date(),
          target: ROSTER_TARGET,
          action: StepAction.REPLACE_ROSTER,
          before: { entries: new Set(now.map((e) => e.personKey)).size } satisfies RosterCounts,
          after: change,
        };
        made.change = change;
        made.attempt = attempt;
        return { intent: intentOf(attempt), replace: !changesNothing(change), outcome: outcomeOf(change) };
      }),
    () =>
      made.attempt ?? {
        at: new Date(),
        target: ROSTER_TARGET,
        action: StepAction.REPLACE_ROSTER,
        // The roster it would have replaced was never read: unknown, not invented.
        before: null,
        after: { entries: new Set(entries.map((e) => e.personKey)).size } satisfies RosterCounts,
      },
  );
  if (!made.change) throw new Error("the roster was replaced without its change being counted");
  return made.change;
}

const outcomeOf = (change: RosterChange): OutcomePart =>
  changesNothing(change)
    ? unchanged("The roster already held these entries")
    : applied(
        `${change.entries} entries: ${change.added} added, ${change.removed} removed, ${change.renamed} renamed`,
      );

const countOf = (value: unknown, key: keyof RosterChange): number | null => {
  const n = value && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined;
  return typeof n === "number" ? n : null;
};

/**
 * Whether a roster event's replacement shows in the store: how settling answers one whose outcome
 * was never recorded (one an older Rollcall left open, which recorded the event before replacing
 * rather than with it; or an attempt whose unit failed and whose FAILED the store refused too). The
 * roster's newest entries were supplied at the event's time, which only that replacement stamps. A
 * roster supplied before it is one the replacement never reached; one supplied after it was replaced
 * again since, and says nothing of this one.
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
