/**
 * A change of access between two snapshots, as the store computes it (src/store/review/): one
 * account, one grant or one membership that differs. Only sources read whole in both snapshots
 * are compared, and a relation only where it was read in both: nothing unknown reads as a change.
 */
import type { PermissionLevel } from "../../model/records.js";

export enum ChangeKind {
  ACCOUNT_CREATED = "ACCOUNT_CREATED",
  ACCOUNT_REMOVED = "ACCOUNT_REMOVED",
  ACCOUNT_ACTIVATED = "ACCOUNT_ACTIVATED",
  ACCOUNT_DEACTIVATED = "ACCOUNT_DEACTIVATED",
  PERMISSION_GAINED = "PERMISSION_GAINED",
  PERMISSION_LOST = "PERMISSION_LOST",
  /** The same grant (source, account, scope, via) with another role or level. */
  PERMISSION_CHANGED = "PERMISSION_CHANGED",
  GROUP_JOINED = "GROUP_JOINED",
  GROUP_LEFT = "GROUP_LEFT",
  TEAM_JOINED = "TEAM_JOINED",
  TEAM_LEFT = "TEAM_LEFT",
}

/** Every kind in the order changes of one account are listed. */
export const CHANGE_KINDS: readonly ChangeKind[] = Object.values(ChangeKind);

export enum ChangeOrigin {
  /** An APPLIED audit event of Rollcall made it. */
  ROLLCALL = "ROLLCALL",
  /** No audit event of Rollcall explains it: made in the vendor's own UI or API. */
  OUTSIDE_ROLLCALL = "OUTSIDE_ROLLCALL",
}

export interface GrantState {
  readonly role: string | null;
  readonly level: PermissionLevel;
}

export interface AccessChange {
  readonly kind: ChangeKind;
  readonly sourceId: string;
  readonly remoteId: string;
  readonly personKey: string;
  readonly email: string | null;
  readonly displayName: string;
  /** Permission kinds: the project (null id: an instance-wide grant). Null for other kinds. */
  readonly project: { readonly id: string | null; readonly name: string | null } | null;
  /** Permission kinds: the role and level before (null for a gain) and after (null for a loss). */
  readonly before: GrantState | null;
  readonly after: GrantState | null;
  /** Permission kinds: the group or team the grant came through, null for a direct grant. */
  readonly via: { readonly type: "GROUP" | "TEAM"; readonly id: string; readonly name: string | null } | null;
  /** Membership kinds: the group or team joined or left. */
  readonly container: {
    readonly kind: "GROUP" | "TEAM";
    readonly id: string;
    readonly name: string | null;
  } | null;
}

/** What the store compares: two snapshots, the sources read whole in both, and the filter. */
export interface ChangeQuery {
  readonly from: string;
  readonly to: string;
  /** Sources compared (complete in both); empty compares nothing. */
  readonly sourceIds: readonly string[];
  readonly kinds?: readonly ChangeKind[];
  /** A person's key (a normalized email, or `account:<User id>`). */
  readonly personKey?: string;
}
