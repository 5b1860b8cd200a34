import { roleIdOf } from "../mapper.js";
import type { RawProject } from "../raw-types.js";
import type { RawProjectAccess } from "../raw-write-types.js";

/** `role_id: 0` on an override is "Global Role": the user's own global role applies in the
 *  project (REFERENCE §5.2 [S]). A grant without a role writes this. */
export const GLOBAL_ROLE = 0;

/** user id -> role id, one project's per-user overrides. */
export type Overrides = ReadonlyMap<number, number>;

/**
 * The overrides get_project shows (Enterprise 7.3+), as update_project takes them back. One shown
 * without a project role id is carried as "Global Role" [I]: dropping it could change that user's
 * access.
 */
export function overridesOf(project: RawProject): Overrides {
  return new Map((project.users ?? []).map((u) => [u.id, roleIdOf(u.project_role_id) ?? GLOBAL_ROLE]));
}

/** The current overrides with the wanted ones laid over them. Nobody else's changes. */
export function mergeOverrides(current: Overrides, wanted: Overrides): Overrides {
  return new Map([...current, ...wanted]);
}

export function sameOverrides(a: Overrides, b: Overrides): boolean {
  return a.size === b.size && [...a].every(([id, role]) => b.get(id) === role);
}

/** Whether a project read back holds every wanted override (to settle a lost answer). */
export function holdsOverrides(project: RawProject, wanted: Overrides): boolean {
  const now = overridesOf(project);
  return [...wanted].every(([id, role]) => now.get(id) === role);
}

/** The whole list, since whether update_project's `users` replaces it is undocumented [I]. */
export function overridesBody(overrides: Overrides): RawProjectAccess {
  return { users: [...overrides].map(([id, role_id]) => ({ id, role_id })) };
}
