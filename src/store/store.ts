/**
 * Rollcall's memory: account links, plans and the audit trail. One interface, two engines behind
 * it (an embedded SQLite file by default, PostgreSQL at `store.url`), one query code path.
 * Nothing here knows a vendor; everything speaks the unified model.
 */

import type { AccessChange, ChangeQuery } from "../history/changes/access-change.js";
import type { FindingQuery, FoundAccount } from "../history/findings/finding.js";
import type {
  RosterEntry,
  SnapshotAccount,
  SnapshotContainer,
  SnapshotRecord,
  SnapshotSourceProgress,
  SnapshotStatus,
  SnapshotTrigger,
} from "../history/snapshot.js";
import type { PlanRecord, PlanStatus, StepRecord, StepState } from "../plans/plan.js";
import type { FindingCursor } from "./review/findings-sql.js";
import type { MatrixRow, PeopleMatrixQuery } from "./review/people-matrix-sql.js";
import type { AccountCursor, AuditCandidates, MatrixAccount, Page } from "./review-queries.js";

/** One account in one source: a User's (sourceId, remoteId). */
export interface AccountRef {
  readonly sourceId: string;
  readonly remoteId: string;
}

/** An explicit link: this account belongs to the person with this key (wins over email matching). */
export interface AccountLink {
  readonly account: AccountRef;
  /** The person's key: a normalized email (trimmed, lower case). */
  readonly personKey: string;
  readonly createdAt: Date;
  /** Caller id (`key:<name>`, `token:<issuer>#<subject>`) or `cli`. */
  readonly createdBy: string;
}

export interface LinkStore {
  /** Every link (they are few: explicit exceptions to email matching). */
  all(): Promise<AccountLink[]>;
  /** Link each account to `personKey`, replacing an earlier link of that account. */
  link(accounts: readonly AccountRef[], personKey: string, by: string): Promise<void>;
  /** Remove the links of these accounts; answers how many there were. */
  unlink(accounts: readonly AccountRef[]): Promise<number>;
}

export interface PlanStore {
  /** Store a new plan with its steps (one transaction). */
  create(plan: PlanRecord): Promise<void>;
  get(id: string): Promise<PlanRecord | null>;
  /** Newest first. */
  list(options: { readonly first: number; readonly after?: string }): Promise<PlanRecord[]>;
  setStatus(id: string, status: PlanStatus): Promise<void>;
  /** Record what happened to one step. */
  updateStep(
    planId: string,
    stepId: string,
    change: Pick<StepRecord, "state"> & Partial<Pick<StepRecord, "result" | "attempts" | "finishedAt">>,
  ): Promise<void>;
  /**
   * Take (or renew) the plan's lease for `runner` until `until`: only when no one holds it, its
   * holder's lease ran out by `now`, or `runner` holds it already. False when another holds it.
   */
  lease(planId: string, runner: string, now: Date, until: Date): Promise<boolean>;
  /** Let go of the plan's lease, when `runner` holds it. */
  release(planId: string, runner: string): Promise<void>;
  /**
   * Mark a step RUNNING with `attempts`, only if it is still as it was read (`state`, `attempts`
   * before): false when another apply got to it first.
   */
  startStep(planId: string, step: Pick<StepRecord, "id" | "state" | "attempts">): Promise<boolean>;
}

/**
 * What an audited action did. PENDING: recorded before the vendor call, no outcome yet (a crash
 * between the two leaves it so until start-up settles it).
 */
export enum AuditOutcome {
  PENDING = "PENDING",
  /** The vendor applied it. */
  APPLIED = "APPLIED",
  /** Already so: nothing was sent. */
  UNCHANGED = "UNCHANGED",
  /** The vendor (or Rollcall's checks) refused it; `code` says why. */
  REFUSED = "REFUSED",
  /** It failed (the source down, a timeout) and the live state shows it did not happen. */
  FAILED = "FAILED",
  /** Its answer was lost and nothing could settle it yet: read the target before relying on it. */
  UNKNOWN = "UNKNOWN",
}

/** An intent, recorded before the vendor call. Never a secret (no passwords, no tokens). */
export interface AuditIntent {
  readonly at: Date;
  /** Caller id, or `cli` / `system` (start-up settling). */
  readonly caller: string;
  /** The GraphQL mutation or `applyPlan`. */
  readonly operation: string;
  readonly planId: string | null;
  readonly stepId: string | null;
  readonly sourceId: string;
  /** What is acted on (a user, project, group or team), as a unified global id where one exists. */
  readonly target: string;
  /** The person's key where known (for filtering by person). */
  readonly personKey: string | null;
  /** A StepAction name. */
  readonly action: string;
  readonly before: unknown;
  readonly after: unknown;
}

/** An outcome, appended after the vendor answered (or when start-up settled a PENDING one). */
export interface AuditResult {
  readonly at: Date;
  readonly outcome: Exclude<AuditOutcome, AuditOutcome.PENDING>;
  /** Error code (ErrorCode) when refused or failed. */
  readonly code: string | null;
  readonly message: string | null;
  readonly vendorStatus: number | null;
  /** True when it was settled by reading the live state (a lost answer, a crash). */
  readonly settled: boolean;
}

export interface AuditEvent extends AuditIntent {
  /** Increasing with time; a cursor. */
  readonly id: string;
  /** The latest result, or null while PENDING. */
  readonly result: AuditResult | null;
}

export interface AuditFilter {
  readonly personKey?: string;
  readonly sourceId?: string;
  readonly caller?: string;
  readonly action?: string;
  readonly outcome?: AuditOutcome;
  readonly planId?: string;
  readonly since?: Date;
  readonly until?: Date;
}

/** Append-only: nothing here changes or deletes a record, except `prune` (retention). */
export interface AuditStore {
  /** Record an intent; throws when it cannot be recorded (then the write must not be attempted). */
  recordIntent(intent: AuditIntent): Promise<string>;
  recordResult(eventId: string, result: AuditResult): Promise<void>;
  /** Oldest first, after the cursor `after` (an event id). */
  list(
    filter: AuditFilter,
    options: { readonly first: number; readonly after?: string },
  ): Promise<AuditEvent[]>;
  /** Intents without a result (to settle at start-up). */
  pending(): Promise<AuditEvent[]>;
  /** Delete events older than `before` (retention); answers how many. */
  prune(before: Date): Promise<number>;
}

/** A replacement of the staff roster as the audit trail records it, told from the roster it replaces. */
export interface RecordedRosterReplacement {
  /** Its event; `at` is also the time the new entries are stamped supplied at (how settling tells). */
  readonly intent: AuditIntent;
  /** False when the roster already holds these entries: the event is recorded, the roster untouched. */
  readonly replace: boolean;
  /** Its outcome, recorded in the same commit (at the time it is written, not settled). */
  readonly outcome: Omit<AuditResult, "at" | "settled">;
}

/** Who holds a lease, and until when, as a row is stored with it. */
export interface StoredLease {
  readonly runner: string;
  readonly until: Date;
}

/** Snapshots as they are taken (src/history/). Reading them back for changes and findings is
 *  `HistoryStore`'s queries too; nothing here knows a vendor. */
export interface HistoryStore {
  /**
   * Record a new snapshot, RUNNING, with each of `sourceIds` PENDING (their order is kept). One
   * runs at a time per store: while another is RUNNING, stores nothing and throws
   * SnapshotRunningError naming it (src/history/snapshot-running.ts). With `lease`, it is stored
   * held (in the same statement): no process sharing the store ever sees it RUNNING and unheld
   * before its run takes the lease (src/history/snapshot-lease.ts). Without, it is stored as a
   * process that stopped leaves one.
   */
  createSnapshot(snapshot: {
    readonly id: string;
    readonly trigger: SnapshotTrigger;
    readonly takenBy: string;
    readonly startedAt: Date;
    readonly sourceIds: readonly string[];
    readonly lease?: StoredLease;
  }): Promise<void>;
  /** Change a source's progress: its status, counts, error. */
  updateSource(
    snapshotId: string,
    sourceId: string,
    change: Partial<Omit<SnapshotSourceProgress, "sourceId">>,
  ): Promise<void>;
  /** A source's projects, groups and teams. */
  writeContainers(snapshotId: string, containers: readonly SnapshotContainer[]): Promise<void>;
  /** One batch of accounts with their grants and memberships, in one transaction. */
  writeAccounts(snapshotId: string, accounts: readonly SnapshotAccount[]): Promise<void>;
  /** Drop what was written of one source's part (a part that failed half-way keeps no half). */
  clearSource(snapshotId: string, sourceId: string): Promise<void>;
  finishSnapshot(id: string, status: SnapshotStatus, finishedAt: Date): Promise<void>;
  getSnapshot(id: string): Promise<SnapshotRecord | null>;
  /** Newest first, after the snapshot `after` (an id). */
  listSnapshots(options: { readonly first: number; readonly after?: string }): Promise<SnapshotRecord[]>;
  /** Still RUNNING: left so by a process that stopped (start-up marks them FAILED). */
  runningSnapshots(): Promise<SnapshotRecord[]>;
  /**
   * Takes (or renews) snapshot `id`'s lease for `runner` until `until`: true when it now holds it,
   * false when another holds a lease still running at `now` or the snapshot is no longer RUNNING.
   * A lease held by `takeOverFrom` is taken even while it runs (the job engine's hold on a snapshot
   * waiting for a worker, taken by the worker that fetches its job: snapshot-jobs.ts).
   */
  leaseSnapshot(id: string, runner: string, now: Date, until: Date, takeOverFrom?: string): Promise<boolean>;
  /**
   * Takes snapshot `id`'s lease for `runner` until `until` only if nobody holds it at `now` (no
   * lease, or one run out; `runner`'s own live lease counts as held): true for the one take that
   * found it so. A lapsed snapshot noticed by several processes at once is claimed by one of them.
   */
  claimUnheldSnapshot(id: string, runner: string, now: Date, until: Date): Promise<boolean>;
  /** Lets go of the snapshot's lease, if `runner` holds it. */
  releaseSnapshot(id: string, runner: string): Promise<void>;
  /** The ids of RUNNING snapshots nobody holds at `now` (no lease, or one run out). */
  unheldSnapshots(now: Date): Promise<string[]>;
  /** How many accounts each of these snapshots holds (what its sources stored); 0 for one without. */
  countAccounts(snapshotIds: readonly string[]): Promise<ReadonlyMap<string, number>>;
  /**
   * Retention: delete finished snapshots (never a RUNNING one) started before `before`, or past the
   * newest `keepLast` finished ones; each limit left out deletes nothing. Answers how many went.
   */
  pruneSnapshots(limits: { readonly before?: Date; readonly keepLast?: number }): Promise<number>;
  /**
   * Replace the staff roster, every entry stamped supplied `by` at `suppliedAt` (default now);
   * answers how many entries it now holds. Not recorded in the audit trail: what the trail records
   * goes through `replaceRosterRecorded`.
   */
  replaceRoster(entries: readonly RosterEntry[], by: string, suppliedAt?: Date): Promise<number>;
  /**
   * Replace the staff roster and record it in the audit trail as one unit against the store. Every
   * replacement (this one and `replaceRoster`) first takes the roster's write lock, whichever
   * process it runs in, so replacements made at once run one after the other; under it the roster
   * is read, `describe` tells the event from it, and the event, its outcome and the new roster
   * (stamped supplied `by` at the event's time) commit together — or nothing does, and the error is
   * thrown. Answers the event's id. A failure of the commit itself is CommitOutcomeUnknownError
   * (store-error.ts): then the trail holds the event exactly if the roster was replaced.
   */
  replaceRosterRecorded(
    entries: readonly RosterEntry[],
    by: string,
    describe: (roster: RosterEntry[]) => RecordedRosterReplacement,
  ): Promise<string>;
  roster(): Promise<RosterEntry[]>;
  /** How many entries the roster holds and when its newest were supplied (null: it is empty). */
  rosterStamp(): Promise<{ readonly entries: number; readonly suppliedAt: Date | null }>;
}

/** Snapshots read back for access reviews (src/history/changes, findings, the exports): each answer
 *  one page or one count, computed by the engine. */
export interface ReviewStore {
  /** The newest snapshot that is COMPLETE or PARTIAL; null when there is none. */
  latestUsableSnapshotId(): Promise<string | null>;
  /** One page of the changes between two snapshots, in a total order (by source, account, kind). */
  changes(query: ChangeQuery, page: Page): Promise<AccessChange[]>;
  /**
   * The changes of the next `accounts` accounts after `after` (by source, then remote id), and where
   * the walk stands; `next` null at the end. Each call is one index range: a walk through every
   * change costs what one comparison does, whatever the size (the exports' stream).
   */
  changesByAccounts(
    query: ChangeQuery,
    after: AccountCursor | null,
    accounts: number,
  ): Promise<{ changes: AccessChange[]; next: AccountCursor | null }>;
  countChanges(query: ChangeQuery): Promise<number>;
  /** One page of the accounts a finding's rule matches, ordered by person, source and account;
   *  `after` (keyset) starts after that account, `offset` skips as many more. */
  findings(query: FindingQuery, page: Page & { readonly after?: FindingCursor }): Promise<FoundAccount[]>;
  countFindings(query: FindingQuery): Promise<number>;
  rosterSize(): Promise<number>;
  /** A page of a snapshot's accounts with their grants, by (source, account) after `after`. */
  matrix(
    snapshotId: string,
    options: {
      readonly sourceIds: readonly string[];
      readonly after: { readonly sourceId: string; readonly remoteId: string } | null;
      readonly limit: number;
    },
  ): Promise<MatrixAccount[]>;
  /**
   * A page of a snapshot's people (by person key, after `after`) with their accounts in the query's
   * sources and each account's highest level: the console's matrix, with no vendor call.
   */
  peopleMatrix(
    query: PeopleMatrixQuery,
    page: { readonly after: string | null; readonly limit: number },
  ): Promise<MatrixRow[]>;
  /** How many people `peopleMatrix` pages through for this query. */
  countPeopleMatrix(query: PeopleMatrixQuery): Promise<number>;
  /** APPLIED audit events on these targets, of these actions, recorded within the window. */
  auditCandidates(candidates: AuditCandidates): Promise<AuditEvent[]>;
}

export interface Store {
  /** `sqlite` (the embedded file) or `postgres`. */
  readonly engine: "sqlite" | "postgres";
  readonly links: LinkStore;
  readonly plans: PlanStore;
  readonly audit: AuditStore;
  readonly history: HistoryStore;
  readonly review: ReviewStore;
  close(): Promise<void>;
}

export type { StepState };
