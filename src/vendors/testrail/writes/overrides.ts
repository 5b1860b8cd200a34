import { roleIdOf } from "../mapper.js";
import type { RawProject } from "../raw-types.js";
import type { RawProjectAccess } from "../raw-write-types.js";

/** `role_id: 0` on an override is "Global Role": the user's own global role applies in the
 *  project (REFERENCE §5.2 [S]). A grant without a role writes this. */
export const GLOBAL_ROLE = 0;

/** An override's role id; null is no override of the user's own: the project's default access
 *  (or a group's override) decides (`role_id: null` clears an override, REFERENCE §5.2 [S]). */
export type OverrideRole = number | null;

/** user id -> role id, one project's per-user overrides. */
export type Overrides = ReadonlyMap<number, OverrideRole>;

/**
 * The overrides get_project shows (Enterprise 7.3+), as update_project takes them back. One shown
 * without a project role id is carried back as it was shown, without a role (null) [I]: reading it
 * as "Global Role" would hand that user their global role, which is not what TestRail showed.
 */
export function overridesOf(project: RawProject): Overrides {
  return new Map((project.users ?? []).map((u) => [u.id, roleIdOf(u.project_role_id)]));
}

/** The current overrides with the wanted ones laid over them. Nobody else's changes. */
export function mergeOverrides(current: Overrides, wanted: Overrides): Overrides {
  return new Map([...current, ...wanted]);
}

/** Same overrides, counting a user shown without a role like one not shown at all. */
export function sameOverrides(a: Overrides, b: Overrides): boolean {
  const ids = new Set([...a.keys(), ...b.keys()]);
  return [...ids].every((id) => (a.get(id) ?? null) === (b.get(id) ?? null));
}

/** Whether a project read back holds every wanted override (to settle a lost answer); a cleared
 *  one holds when the user is not shown or shown without a role. */
export function holdsOverrides(project: RawProject, wanted: Overrides): boolean {
  const now = overridesOf(project);
  return [...wanted].every(([id, role]) => (now.get(id) ?? null) === role);
}

/** The whole list, since whether update_project's `users` replaces it is undocumented [I]. A
 *  cleared override is sent as `role_id: null`, so it is cleared whether the list replaces or
 *  merges. */
export function overridesBody(overrides: Overrides): RawProjectAccess {
  return { users: [...overrides].map(([id, role_id]) => ({ id, role_id })) };
}
