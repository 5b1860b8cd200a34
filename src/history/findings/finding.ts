/**
 * Findings: accounts in one snapshot an access review should look at, each kind a query with its
 * own rule (src/store/review/findings-sql.ts) and a `reason` in words.
 */
import type { PermissionLevel } from "../../model/records.js";
import type { PersonBasis } from "../snapshot.js";

export enum FindingKind {
  /** Active, and no login for `dormantDays` — judged only in sources whose part reports logins. */
  DORMANT_ACCOUNT = "DORMANT_ACCOUNT",
  /** Joined to no person: no email to match and no link. */
  UNOWNED_ACCOUNT = "UNOWNED_ACCOUNT",
  /** Active, and its person is not on the staff roster (only when a roster is set). */
  NOT_IN_ROSTER = "NOT_IN_ROSTER",
  /** Active, while another account of the same person is inactive: offboarding left half-done. */
  PARTIAL_OFFBOARDING = "PARTIAL_OFFBOARDING",
  /** A MANAGE or ADMIN grant anywhere, or an instance administrator. */
  PRIVILEGED_ACCOUNT = "PRIVILEGED_ACCOUNT",
  /** Inactive, yet still holding grants or group/team memberships. */
  INACTIVE_WITH_ACCESS = "INACTIVE_WITH_ACCESS",
}

export const FINDING_KINDS: readonly FindingKind[] = Object.values(FindingKind);

export const DEFAULT_DORMANT_DAYS = 90;

export interface FindingQuery {
  readonly kind: FindingKind;
  readonly snapshotId: string;
  /** The sources whose part was read whole (the others hold no accounts to judge). */
  readonly sourceIds: readonly string[];
  /** DORMANT_ACCOUNT: the sources among them whose part reports logins. */
  readonly loginSourceIds: readonly string[];
  /** DORMANT_ACCOUNT: no login since this instant (the snapshot's time less dormantDays). */
  readonly dormantSince: Date;
  readonly personKey?: string;
}

/** An account a finding's rule matched, with what the rules read of it (the store's answer). */
export interface FoundAccount {
  readonly sourceId: string;
  readonly remoteId: string;
  readonly personKey: string;
  readonly personBasis: PersonBasis;
  readonly email: string | null;
  readonly displayName: string;
  readonly active: boolean;
  readonly admin: boolean | null;
  readonly lastLoginAt: Date | null;
  readonly createdAt: Date | null;
  /** The levels of the account's grants (distinct, highest first); null when they were not read. */
  readonly levels: readonly PermissionLevel[] | null;
  readonly grantCount: number | null;
  readonly membershipCount: number | null;
  /** PARTIAL_OFFBOARDING: the person's inactive accounts elsewhere (User global ids). */
  readonly inactiveAccounts: readonly string[];
}

export interface Finding extends FoundAccount {
  readonly kind: FindingKind;
  /** Whole days from the last login to the snapshot's time; null when no login is known. */
  readonly daysSinceLogin: number | null;
  /** Why the account is a finding, in words. */
  readonly reason: string;
}
