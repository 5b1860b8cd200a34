/**
 * Access history: a snapshot is every configured source's accounts, their permissions and
 * memberships, and the source's projects, groups and teams, read at one time and stored
 * normalized. Snapshots are compared (changes) and examined (findings); nothing here knows a vendor.
 */
import type { PermissionLevel } from "../model/records.js";

export enum SnapshotStatus {
  /** Being taken: sources are still being read. */
  RUNNING = "RUNNING",
  /** Every source was read whole. */
  COMPLETE = "COMPLETE",
  /** Some sources were read whole, others failed: their part is incomplete, never "no accounts". */
  PARTIAL = "PARTIAL",
  /** No source could be read (or the process stopped before it finished: see `interrupted`). */
  FAILED = "FAILED",
}

export enum SnapshotSourceStatus {
  PENDING = "PENDING",
  RUNNING = "RUNNING",
  COMPLETE = "COMPLETE",
  /** The source's part is incomplete: `error` says why. Its accounts are unknown, not gone. */
  FAILED = "FAILED",
}

export enum SnapshotTrigger {
  /** takeSnapshot (GraphQL) or the console. */
  MANUAL = "MANUAL",
  /** `rollcall snapshot`. */
  CLI = "CLI",
  /** The configured schedule. */
  SCHEDULE = "SCHEDULE",
  /** Taken to compare a snapshot with now (accessChanges without `to`). */
  COMPARISON = "COMPARISON",
}

export interface SnapshotSourceProgress {
  readonly sourceId: string;
  readonly status: SnapshotSourceStatus;
  readonly accountsRead: number;
  /** The source's account count when known (the vendor's total), else null. */
  readonly accountsTotal: number | null;
  readonly startedAt: Date | null;
  readonly finishedAt: Date | null;
  /** Whether the source reports last-login times (dormancy is judged only where it does); null
   *  while unknown. */
  readonly loginsReported: boolean | null;
  /** Why the source's part is incomplete (an ErrorCode and a scrubbed message). */
  readonly error: { readonly code: string; readonly message: string } | null;
}

export interface SnapshotRecord {
  /** Sortable by time: newer ids sort after older ones. */
  readonly id: string;
  readonly status: SnapshotStatus;
  readonly trigger: SnapshotTrigger;
  /** Caller id, `cli` or `system`. */
  readonly takenBy: string;
  readonly startedAt: Date;
  readonly finishedAt: Date | null;
  /** One entry per source asked for, in config order. */
  readonly sources: readonly SnapshotSourceProgress[];
}

/** How an account was placed with a person (the people join: src/people/join.ts). */
export enum PersonBasis {
  /** An explicit account link. */
  LINK = "LINK",
  /** The account's normalized email. */
  EMAIL = "EMAIL",
  /** Neither: the account is a person of its own (`account:<User global id>`). */
  NONE = "NONE",
}

/** Which kind of container a membership or a container row is. */
export type ContainerKind = "PROJECT" | "GROUP" | "TEAM";

/** A project, group or team of a source as it was at the snapshot. */
export interface SnapshotContainer {
  readonly sourceId: string;
  readonly kind: ContainerKind;
  readonly remoteId: string;
  readonly name: string;
  readonly active: boolean | null;
}

/** One permission an account held. `projectId` null: instance-wide. */
export interface SnapshotGrant {
  readonly projectId: string | null;
  readonly projectName: string | null;
  /** The vendor's role name; null when the vendor did not say (level UNKNOWN). */
  readonly role: string | null;
  readonly level: PermissionLevel;
  /** Reached through a group or team, or null for a direct grant. */
  readonly via: { readonly type: "GROUP" | "TEAM"; readonly remoteId: string } | null;
}

export interface SnapshotMembership {
  readonly kind: "GROUP" | "TEAM";
  readonly containerId: string;
  readonly containerName: string | null;
}

/** One account with its relations as read. A relation whose read failed is `null` (unknown). */
export interface SnapshotAccount {
  readonly sourceId: string;
  readonly remoteId: string;
  readonly personKey: string;
  readonly personBasis: PersonBasis;
  readonly email: string | null;
  readonly login: string | null;
  readonly displayName: string;
  readonly active: boolean;
  /** Instance administrator, where the vendor says; null when it does not. */
  readonly admin: boolean | null;
  /** Null where the vendor gave no login time for this account (the source's `loginsReported` says
   *  whether it reports logins at all). */
  readonly lastLoginAt: Date | null;
  readonly createdAt: Date | null;
  readonly archived: boolean;
  /** Null: the account's permissions could not be read (never "none"). */
  readonly grants: readonly SnapshotGrant[] | null;
  /** Null: the account's groups or teams could not be read. */
  readonly memberships: readonly SnapshotMembership[] | null;
}

/** One person on the staff roster (findings: accounts not in the roster). */
export interface RosterEntry {
  /** Normalized email. */
  readonly personKey: string;
  readonly name: string | null;
}
