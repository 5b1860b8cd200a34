/**
 * The one place a change is recorded: its intent before it is sent, its outcome after.
 * audited-writes.ts routes every member of every connector's writes through `write`, and
 * audited-links.ts the account links Rollcall keeps in its own store; audited-roster.ts the staff
 * roster, which no source holds, through `own`: made and recorded in one transaction of the store.
 */
import { ErrorCode } from "../model/errors.js";
import type { UserRecord } from "../model/records.js";
import { indexLinks, type LinkIndex } from "../people/join.js";
import type { StepAction } from "../plans/plan.js";
import { type AuditIntent, AuditOutcome, type Store } from "../store/store.js";
import { CommitOutcomeUnknownError } from "../store/store-error.js";
import type { SourceDescriptor } from "../vendors/connector.js";
import { currentAuditContext } from "./audit-context.js";
import { AuditUnavailableError } from "./audit-unavailable.js";
import { failureOutcome, type OutcomePart } from "./failure-outcome.js";
import { OwnRecordsAuditUnavailableError, ROLLCALL_RECORDS } from "./own-records.js";
import { personKeyFor } from "./person-key.js";

/** One target of a write (a user, a grant, a member of a batch), described before it is sent. */
export interface Intended {
  /** A unified global id where one exists; the email of an account being created, a new group's name. */
  readonly target: string;
  readonly action: StepAction;
  /** What the target was, as far as the operation had read it (known-before.ts); null when unknown. */
  readonly before: unknown;
  /** What the write makes it; never a secret. */
  readonly after: unknown;
  /** The account whose access changes, as the operation had read it (user null: not read). */
  readonly account?: { readonly remoteId: string; readonly user: UserRecord | null };
  /** The email of an account being created. */
  readonly email?: string;
  /** The person it is filed under, where the change itself names them (a link's person). */
  readonly person?: string | null;
}

/** A change to Rollcall's own records that no source holds (own-records.ts), as its event tells it. */
export interface OwnChange {
  /** When it is recorded (the store may keep it too: how settling finds whether it was made). */
  readonly at: Date;
  /** What is changed, as the records name it (`roster`). */
  readonly target: string;
  readonly action: StepAction;
  /** Never personal data beyond what the trail records of every change (counts, not the entries). */
  readonly before: unknown;
  readonly after: unknown;
}

/** The intent the store records with an own change, in the context of the call that makes it. */
export type OwnIntentOf = (change: OwnChange) => AuditIntent;

/** What the trail appends for an own change whose unit failed before its commit: nothing was kept. */
const NOT_MADE: OutcomePart = {
  outcome: AuditOutcome.FAILED,
  code: ErrorCode.INTERNAL_SERVER_ERROR,
  message: "Not made: Rollcall's store failed before the change was committed, so nothing of it was kept",
  vendorStatus: null,
};

/** What went wrong with the store, for the server's log (never for a client: it may name a file). */
export type StoreTrouble = (error: unknown, doing: string) => void;

export class AuditTrail {
  constructor(
    /** Null: no store to record in, so every write is refused. */
    private readonly store: Pick<Store, "audit" | "links"> | null,
    private readonly trouble: StoreTrouble = () => undefined,
  ) {}

  /**
   * Records one intent per target (as `describe` tells them, from what the operation has read when
   * the write is about to be sent), sends the write only once all are recorded, then appends each
   * target's outcome. An intent that can't be recorded means the write is not sent and the caller
   * gets AUDIT_UNAVAILABLE. If an outcome can't be appended the write's answer still stands (the
   * vendor did what it did): the event stays PENDING, and settling reads the live state for it later.
   */
  async write<T>(
    source: SourceDescriptor,
    describe: () => readonly Intended[],
    send: () => Promise<T>,
    outcomes: (answer: T) => readonly OutcomePart[],
  ): Promise<T> {
    const context = currentAuditContext() ?? { caller: "system", operation: "unknown" };
    const store = this.store;
    if (!store) throw new AuditUnavailableError(source);
    let links: LinkIndex;
    try {
      links = indexLinks(await store.links.all());
    } catch (error) {
      this.trouble(error, "reading account links to record a write (the write was not sent)");
      throw new AuditUnavailableError(source);
    }
    const intents = describe().map(
      (i): AuditIntent => ({
        at: new Date(),
        caller: context.caller,
        operation: context.operation,
        planId: context.planId ?? null,
        stepId: context.stepId ?? null,
        sourceId: source.id,
        target: i.target,
        personKey:
          context.personKey ?? i.person ?? personKeyFor(source.id, i.account ?? null, i.email ?? null, links),
        action: i.action,
        before: i.before,
        after: i.after,
      }),
    );
    const ids = await this.recordIntents(store, source, intents);
    let answer: T;
    try {
      answer = await send();
    } catch (error) {
      const failure = failureOutcome(error);
      await this.recordOutcomes(
        ids,
        ids.map(() => failure),
      );
      throw error;
    }
    let parts: readonly OutcomePart[];
    try {
      parts = outcomes(answer);
    } catch (error) {
      this.trouble(error, "reading a write's answer for the audit trail");
      parts = ids.map(() => failureOutcome(error));
    }
    await this.recordOutcomes(ids, parts);
    return answer;
  }

  /**
   * A change to Rollcall's own records (source `rollcall`, `what` in the words of a refusal: "the
   * staff roster"), made and recorded as one unit: `unit` has the store make the change and record
   * its event in one transaction — the intent `intentOf` gives (this call's caller and operation),
   * its outcome beside it — so the trail holds the event exactly when the change stands, never
   * PENDING (unlike a vendor's write, nothing is in flight between the two). If the unit fails,
   * nothing of it stands: the attempt (as `attempted` tells it) is recorded on its own, FAILED (left
   * PENDING for settling if only its outcome can't be), and the error thrown; if even its intent
   * can't be recorded, the caller gets OwnRecordsAuditUnavailableError (nothing changed, nothing
   * recorded). A unit whose commit failed (CommitOutcomeUnknownError) is not recorded again: its
   * own event is in the trail exactly if it was made.
   */
  async own<T>(
    what: string,
    unit: (intentOf: OwnIntentOf) => Promise<T>,
    attempted: () => OwnChange,
  ): Promise<T> {
    const context = currentAuditContext() ?? { caller: "system", operation: "unknown" };
    const store = this.store;
    if (!store) throw new OwnRecordsAuditUnavailableError(what);
    const intentOf: OwnIntentOf = (change) => ({
      at: change.at,
      caller: context.caller,
      operation: context.operation,
      planId: null,
      stepId: null,
      sourceId: ROLLCALL_RECORDS,
      target: change.target,
      personKey: null,
      action: change.action,
      before: change.before,
      after: change.after,
    });
    try {
      return await unit(intentOf);
    } catch (error) {
      if (error instanceof CommitOutcomeUnknownError) {
        this.trouble(
          error,
          `committing a change to ${what} with its audit event (the trail shows whether it was made)`,
        );
        throw error;
      }
      this.trouble(error, `making a change to ${what} with its audit event (nothing of it was kept)`);
      let id: string;
      try {
        id = await store.audit.recordIntent(intentOf(attempted()));
      } catch (recording) {
        this.trouble(recording, `recording a change to ${what} that was not made`);
        throw new OwnRecordsAuditUnavailableError(what);
      }
      await this.recordOutcomes([id], [NOT_MADE]);
      throw error;
    }
  }

  /** Every intent recorded, or none sent: the part of a batch already recorded is marked not sent. */
  private async recordIntents(
    store: Pick<Store, "audit">,
    source: SourceDescriptor,
    intents: readonly AuditIntent[],
  ): Promise<string[]> {
    const ids: string[] = [];
    try {
      for (const intent of intents) ids.push(await store.audit.recordIntent(intent));
      return ids;
    } catch (error) {
      this.trouble(error, "recording the intent of a write (the write was not sent)");
      await this.recordOutcomes(
        ids,
        ids.map(() => ({
          outcome: AuditOutcome.FAILED,
          code: ErrorCode.AUDIT_UNAVAILABLE,
          message: "Not sent: the rest of its batch could not be recorded",
          vendorStatus: null,
        })),
      );
      throw new AuditUnavailableError(source);
    }
  }

  private async recordOutcomes(ids: readonly string[], parts: readonly OutcomePart[]): Promise<void> {
    for (const [i, id] of ids.entries()) {
      const part = parts[i] ?? failureOutcome(new Error("no answer for this target"));
      try {
        await this.store?.audit.recordResult(id, { ...part, at: new Date(), settled: false });
      } catch (error) {
        this.trouble(error, "recording the outcome of a write (it stays PENDING until settled)");
      }
    }
  }
}
