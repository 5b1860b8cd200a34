/** What a person reads as a step's target: "dana@example.com on Mobile (acme-tm)". */
import type { UserRecord } from "../model/records.js";

export const whoOf = (user: UserRecord): string => user.email ?? user.login ?? user.displayName;

export const accountLabel = (who: string, sourceId: string): string => `${who} (${sourceId})`;

export const projectLabel = (who: string, project: string, sourceId: string): string =>
  `${who} on ${project} (${sourceId})`;

export const groupLabel = (who: string, group: string, sourceId: string): string =>
  `${who} in group ${group} (${sourceId})`;

export const teamLabel = (who: string, team: string, sourceId: string): string =>
  `${who} in team ${team} (${sourceId})`;

/** Why a step could not be planned: the read that failed, in its own words. */
export function unreadReason(what: string, sourceId: string, error: Error): string {
  const code = (error as { code?: unknown }).code;
  return `Rollcall could not read ${what} in source "${sourceId}"${typeof code === "string" ? ` (${code})` : ""}: ${error.message}. Nothing is planned for it: plan again once the source answers`;
}
