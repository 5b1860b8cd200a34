/**
 * How a person's levels compare. Known levels rank NONE < VIEW < EXECUTE < EDIT < MANAGE < ADMIN;
 * a role Rollcall can't place (CUSTOM) and access whose role the vendor didn't name (UNKNOWN) rank
 * below every known level, CUSTOM above UNKNOWN (the vendor at least named that role): neither may
 * make a person look more (or less) powerful than what is known of them.
 */
import { PermissionLevel } from "../model/records.js";

export const LEVEL_ORDER: readonly PermissionLevel[] = [
  PermissionLevel.UNKNOWN,
  PermissionLevel.CUSTOM,
  PermissionLevel.NONE,
  PermissionLevel.VIEW,
  PermissionLevel.EXECUTE,
  PermissionLevel.EDIT,
  PermissionLevel.MANAGE,
  PermissionLevel.ADMIN,
];

export const rankOf = (level: PermissionLevel): number => LEVEL_ORDER.indexOf(level);

/** The highest of `levels` in LEVEL_ORDER; null when there are none. */
export function highestOf(levels: Iterable<PermissionLevel>): PermissionLevel | null {
  let best: PermissionLevel | null = null;
  for (const level of levels) if (best === null || rankOf(level) > rankOf(best)) best = level;
  return best;
}

/** Whether `level` is `floor` or above, in LEVEL_ORDER. */
export const atLeast = (level: PermissionLevel | null, floor: PermissionLevel): boolean =>
  level !== null && rankOf(level) >= rankOf(floor);
