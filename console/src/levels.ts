/** Rollcall's normalized levels, weakest first (as `Person.highestLevel` orders them). */
import type { Level } from "./queries";

export const LEVELS: readonly Level[] = [
  "UNKNOWN",
  "CUSTOM",
  "NONE",
  "VIEW",
  "EXECUTE",
  "EDIT",
  "MANAGE",
  "ADMIN",
];

export const LEVEL_LABEL: Record<Level, string> = {
  UNKNOWN: "Unknown role",
  CUSTOM: "Custom",
  NONE: "None",
  VIEW: "View",
  EXECUTE: "Execute",
  EDIT: "Edit",
  MANAGE: "Manage",
  ADMIN: "Admin",
};

/** The strongest of some levels; null for none at all. */
export function strongest(levels: Iterable<Level>): Level | null {
  let best: Level | null = null;
  for (const level of levels) if (best === null || LEVELS.indexOf(level) > LEVELS.indexOf(best)) best = level;
  return best;
}
