/**
 * A plan: the steps that take live access to what should be, computed first (nothing changes),
 * stored with an id, then applied. One engine serves offboarding, onboarding and access as code.
 */

export type PlanKind = "OFFBOARDING" | "ONBOARDING" | "ACCESS";

export type PlanStatus =
  /** Computed, nothing applied. */
  | "PLANNED"
  /** An apply is running (or crashed while running: applying again resumes). */
  | "APPLYING"
  /** Every possible step applied or already so. */
  | "APPLIED"
  /** Some steps failed: applying again retries them. */
  | "PARTIAL";

/**
 * What one step does. Vendor-neutral; each maps onto a connector write. The audit trail's actions
 * too (one GraphQL enum for steps and events), with the two no plan takes: an explicit account
 * link made or removed in Rollcall's own store (`linkAccounts`, `unlinkAccounts`).
 */
export enum StepAction {
  CREATE_ACCOUNT = "CREATE_ACCOUNT",
  DEACTIVATE_ACCOUNT = "DEACTIVATE_ACCOUNT",
  REACTIVATE_ACCOUNT = "REACTIVATE_ACCOUNT",
  DELETE_ACCOUNT = "DELETE_ACCOUNT",
  UPDATE_ACCOUNT = "UPDATE_ACCOUNT",
  ASSIGN_ROLE = "ASSIGN_ROLE",
  CHANGE_ROLE = "CHANGE_ROLE",
  REMOVE_FROM_PROJECT = "REMOVE_FROM_PROJECT",
  ADD_TO_GROUP = "ADD_TO_GROUP",
  REMOVE_FROM_GROUP = "REMOVE_FROM_GROUP",
  ADD_TO_TEAM = "ADD_TO_TEAM",
  REMOVE_FROM_TEAM = "REMOVE_FROM_TEAM",
  CREATE_GROUP = "CREATE_GROUP",
  UPDATE_GROUP = "UPDATE_GROUP",
  DELETE_GROUP = "DELETE_GROUP",
  /** Not a plan step: an account linked to a person (audit events of `linkAccounts`). */
  LINK_ACCOUNT = "LINK_ACCOUNT",
  /** Not a plan step: an account's link removed (audit events of `unlinkAccounts`). */
  UNLINK_ACCOUNT = "UNLINK_ACCOUNT",
  /** Not a plan step: the staff roster replaced (audit events of `replaceRoster`, `review.rosterFile`). */
  REPLACE_ROSTER = "REPLACE_ROSTER",
}

export type StepState =
  | "PENDING"
  /** Marked impossible at planning: the vendor can't (`reason` says why). Never applied. */
  | "IMPOSSIBLE"
  | "RUNNING"
  | "APPLIED"
  /** The live state already matched at apply time: nothing sent. */
  | "SKIPPED"
  | "FAILED";

/** What a step acts on, as ids the gateway can read back. */
export interface StepTarget {
  /** The account acted on (a User remote id), null when the step creates it. */
  readonly userId: string | null;
  /** The person's email for a step that creates an account. */
  readonly email: string | null;
  readonly projectId: string | null;
  readonly groupId: string | null;
  readonly teamId: string | null;
  /** What a person reads: "dana@… on Mobile (acme-tm)". */
  readonly label: string;
}

export interface StepResult {
  /** ErrorCode when it failed; null when applied or skipped. */
  readonly code: string | null;
  readonly message: string | null;
  /** For a stale plan: what the live state was when applied, against what the plan saw. */
  readonly drift: string | null;
}

export interface StepRecord {
  /** Unique within the plan, stable ("s1", "s2"…). */
  readonly id: string;
  readonly sourceId: string;
  readonly action: StepAction;
  readonly target: StepTarget;
  /** The state the plan saw (a role name, "active", "member") and the one it makes; null = none. */
  readonly from: string | null;
  readonly to: string | null;
  /** Whether the vendor can do it, and when not, why (UNSUPPORTED_BY_SOURCE wording). */
  readonly possible: boolean;
  readonly reason: string | null;
  /** Steps that must be APPLIED or SKIPPED first (an account before its roles). */
  readonly dependsOn: readonly string[];
  readonly state: StepState;
  readonly result: StepResult | null;
  readonly attempts: number;
  readonly finishedAt: Date | null;
}

export interface PlanRecord {
  readonly id: string;
  readonly kind: PlanKind;
  readonly status: PlanStatus;
  readonly createdAt: Date;
  readonly createdBy: string;
  /** One line: "offboard dana@example.com (DEACTIVATE)". */
  readonly summary: string;
  /** What was asked (the mutation's input or the desired-state file), for the record. Never a secret. */
  readonly request: unknown;
  readonly steps: readonly StepRecord[];
}

/** What a planner reads of one account before it plans (errors in place of reads that failed:
 *  a planner never takes a failed read for "nothing there"). */
export interface AccountState {
  readonly user: import("../model/records.js").UserRecord;
  readonly permissions: readonly import("../model/records.js").PermissionRecord[] | Error;
  readonly groups: readonly import("../model/records.js").GroupRecord[] | Error;
  readonly teams: readonly import("../model/records.js").TeamRecord[] | Error;
}
