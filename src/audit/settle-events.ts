/**
 * Settling: an event whose outcome the trail never learned (PENDING: Rollcall stopped between the
 * intent and the vendor's answer) or learned as UNKNOWN (the answer was lost and the writer could
 * not tell) gets a result read from the live state — APPLIED or FAILED, `settled: true`. Where the
 * source can't be read, a PENDING one becomes UNKNOWN and every UNKNOWN one is tried again at the
 * next run: at start-up (before serving) and every SETTLE_INTERVAL_MS while the server runs.
 */
import type { Gateway } from "../gateway.js";
import { SourceSession } from "../loaders/source-session.js";
import { StepAction, type StepRecord } from "../plans/plan.js";
import { type AuditEvent, AuditOutcome, type AuditResult, type Store } from "../store/store.js";
import { freshReads } from "../vendors/http/fresh-reads.js";
import type { StoreTrouble } from "./audit-trail.js";
import { rosterState } from "./audited-roster.js";
import { LINK_ACTIONS, type LiveAnswer, linkState, liveState } from "./live-state.js";

/** How often a running server settles what is still open. */
export const SETTLE_INTERVAL_MS = 5 * 60_000;
/** A PENDING intent younger than this may be a write still in flight (on this replica or another
 *  sharing the store): the timer leaves it to its writer. */
export const IN_FLIGHT_GRACE_MS = 5 * 60_000;
/** UNKNOWN events read per page while settling. */
const PAGE = 200;

export interface SettleReport {
  /** Events given a result read from the live state. */
  readonly settled: number;
  /** Events whose live state could not be read (UNKNOWN, tried again next time). */
  readonly unknown: number;
}

export class AuditSettler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<SettleReport> | undefined;

  constructor(
    private readonly store: Pick<Store, "audit" | "plans" | "links" | "history">,
    private readonly gateway: Gateway,
    private readonly trouble: StoreTrouble = () => undefined,
  ) {}

  /**
   * Settles every PENDING intent recorded before `pendingBefore` and every UNKNOWN event.
   * One run at a time: a call during a run waits for that run.
   */
  settle(pendingBefore: Date = new Date()): Promise<SettleReport> {
    // What settles a write is the vendor's state now, never a cached read of it.
    this.running ??= freshReads(() => this.run(pendingBefore)).finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Settle on a timer from now on (the timer never keeps the process alive). */
  start(intervalMs = SETTLE_INTERVAL_MS): void {
    this.timer ??= setInterval(() => {
      this.settle(new Date(Date.now() - IN_FLIGHT_GRACE_MS)).catch((error: unknown) =>
        this.trouble(error, "settling the audit trail"),
      );
    }, intervalMs).unref();
  }

  /** Stops the timer and waits for a run in progress. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }

  private async run(pendingBefore: Date): Promise<SettleReport> {
    const pending = (await this.store.audit.pending()).filter((e) => e.at < pendingBefore);
    return this.settleEvents([...pending, ...(await this.unknownEvents())]);
  }

  /**
   * Settles these open events now, by reading their targets' live state: what an apply resuming a
   * plan asks of the events a stopped apply left open for a step (src/plans/resume-step.ts).
   */
  async settleEvents(open: readonly AuditEvent[]): Promise<SettleReport> {
    const bySource = new Map<string, AuditEvent[]>();
    for (const event of open) bySource.set(event.sourceId, [...(bySource.get(event.sourceId) ?? []), event]);
    const counts = await Promise.all(
      [...bySource].map(async ([sourceId, events]) => {
        let settled = 0;
        let unknown = 0;
        // Each source is read one event at a time (they are few), sources side by side.
        const connector = this.gateway.connector(sourceId);
        const scope = connector && new SourceSession(connector);
        // Once the source itself fails, its other events are not read this run: a hung vendor
        // would otherwise hold start-up for a timeout per event.
        let outage: string | null = null;
        for (const event of events) {
          // A link's and the roster's live state is Rollcall's own store: read whatever the source's.
          const answer: LiveAnswer = LINK_ACTIONS.has(event.action)
            ? await linkState(event, this.store.links)
            : event.action === StepAction.REPLACE_ROSTER
              ? await rosterState(event, this.store.history)
              : !scope
                ? { unreadable: `source "${sourceId}" is no longer configured` }
                : outage !== null
                  ? { unreadable: outage }
                  : await liveState(event, scope, await this.planStepOf(event));
          if ("unreadable" in answer && answer.outage) outage = answer.unreadable;
          // Each read is fresh: what the previous event's check read may be what this one changed.
          scope?.clear();
          const result = await this.settleOne(event, answer);
          if (result === null || result.outcome === AuditOutcome.UNKNOWN) unknown += 1;
          else settled += 1;
        }
        return { settled, unknown };
      }),
    );
    return counts.reduce((a, b) => ({ settled: a.settled + b.settled, unknown: a.unknown + b.unknown }), {
      settled: 0,
      unknown: 0,
    });
  }

  private async unknownEvents(): Promise<AuditEvent[]> {
    const events: AuditEvent[] = [];
    for (let after: string | undefined; ; ) {
      const page = await this.store.audit.list({ outcome: AuditOutcome.UNKNOWN }, { first: PAGE, after });
      events.push(...page);
      if (page.length < PAGE) return events;
      after = page.at(-1)?.id;
    }
  }

  /** The plan's own step, when the event was one and its plan is still stored. */
  private async planStepOf(event: AuditEvent): Promise<StepRecord | null> {
    if (!event.planId || !event.stepId) return null;
    const plan = await this.store.plans.get(event.planId).catch(() => null);
    return plan?.steps.find((s) => s.id === event.stepId && s.sourceId === event.sourceId) ?? null;
  }

  /** The result appended for one event, or null when there was nothing new to say. */
  private async settleOne(event: AuditEvent, answer: LiveAnswer): Promise<AuditResult | null> {
    const lost = event.result;
    const why =
      lost === null ? "Rollcall stopped before the vendor answered" : "the vendor's answer was lost";
    let result: AuditResult;
    if ("unreadable" in answer) {
      // Already UNKNOWN: saying so again adds nothing.
      if (lost !== null) return null;
      result = {
        at: new Date(),
        outcome: AuditOutcome.UNKNOWN,
        code: null,
        message: `Not settled: ${why}, and the live state can't be read (${answer.unreadable}); tried again later`,
        vendorStatus: null,
        settled: false,
      };
    } else {
      result = {
        at: new Date(),
        outcome: answer.applied ? AuditOutcome.APPLIED : AuditOutcome.FAILED,
        code: answer.applied ? null : (lost?.code ?? null),
        message: `Settled by reading the live state (${why}): ${answer.why}`,
        vendorStatus: lost?.vendorStatus ?? null,
        settled: true,
      };
    }
    try {
      await this.store.audit.recordResult(event.id, result);
    } catch (error) {
      this.trouble(error, "recording a settled outcome");
      return null;
    }
    return result;
  }
}
