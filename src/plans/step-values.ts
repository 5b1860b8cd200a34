/**
 * The words a step's `from` and `to` are written in: what a person reads in a plan, and what the
 * live check compares (plans/live-state.ts). Null means "none": no account, no role, not a member.
 */
import type { PermissionRecord, UserRecord } from "../model/records.js";

export const ACTIVE = "active";
export const INACTIVE = "inactive";
export const MEMBER = "member";
/** Access a vendor reports without naming its role (level UNKNOWN): held, but which role is unknown. */
export const UNNAMED_ROLE = "a role the vendor does not name";

/** An account's state: null when there is none (or it was deleted: archived where the vendor archives). */
export function accountValue(user: UserRecord | null): string | null {
  if (user === null || user.archived === true) return null;
  return user.active ? ACTIVE : INACTIVE;
}

/** The permissions a user holds on a project themselves: not through a group or team. */
export function directOn(
  permissions: readonly PermissionRecord[],
  projectId: string,
): readonly PermissionRecord[] {
  return permissions.filter((p) => p.projectId === projectId && !p.via);
}

/** The role a user holds on a project themselves (several, sorted and joined), or null for none. */
export function roleValue(permissions: readonly PermissionRecord[], projectId: string): string | null {
  const held = directOn(permissions, projectId);
  if (held.length === 0) return null;
  return [...new Set(held.map((p) => p.role ?? UNNAMED_ROLE))].sort().join(", ");
}

export const memberValue = (member: boolean): string | null => (member ? MEMBER : null);

/**
 * Whether a live state is the one a step makes. Role names compare case-blind (vendors keep the
 * case they were created with, reads may not); a step whose role the vendor does not name (its
 * default role, unnamed) is done by any role held.
 */
export function isAsWanted(live: string | null, to: string | null): boolean {
  if (to === UNNAMED_ROLE) return live !== null;
  return (live ?? "").toLowerCase() === (to ?? "").toLowerCase() && (live === null) === (to === null);
}

/** "none" for null, the value quoted otherwise: for messages. */
export const shown = (value: string | null): string => (value === null ? "none" : `"${value}"`);
