/**
 * The live state the access planner compares the desired state with, as plain records:
 * read-access-state.ts reads it, the planner's tests write it by hand. Every read that failed is an
 * Error in its place, so the planner can say what it could not plan, and never takes a failed read
 * for "no access".
 */
import type { PermissionRecord, UserRecord } from "../../model/records.js";
import type { AccountState } from "../plan.js";

/** An account found holding something the file decides alone (an exclusive project, group, team). */
export interface Holder {
  readonly userId: string;
  /** The account, when it could be read (to label it). */
  readonly user: UserRecord | null;
  /** The person it belongs to (a link, else its email), as the person join keys it; null when
   *  that can't be told (the account could not be read and no link names it). */
  readonly personKey: string | null;
}

/** A holder of an exclusive project, with what they hold there. */
export interface ProjectHolder extends Holder {
  /** Their permissions on that project (direct ones and those through a group or team). */
  readonly permissions: readonly PermissionRecord[];
}

export interface AccessLiveState {
  /**
   * Per listed person (normalized email, the person key), per source the plan needs them in:
   * their accounts there with what each holds, or why they could not be looked up.
   */
  readonly accounts: ReadonlyMap<string, ReadonlyMap<string, readonly AccountState[] | Error>>;
  /** Per exclusive project (targetKey), who holds it, or why that could not be read. */
  readonly projectHolders: ReadonlyMap<string, readonly ProjectHolder[] | Error>;
  readonly groupMembers: ReadonlyMap<string, readonly Holder[] | Error>;
  readonly teamMembers: ReadonlyMap<string, readonly Holder[] | Error>;
}
