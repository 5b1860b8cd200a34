import type { EntityKind } from "../../model/records.js";

/**
 * Global IDs read `<source>:<Type>:<vendor id>` (e.g. `acme:User:486`): they name the source,
 * the type and the vendor's own id, survive restarts, and are URL-safe (the vendor id is
 * percent-encoded). Clients should still treat them as opaque.
 * A Person lives in no source: its id is `Person:<key>` (see personGlobalId).
 */
export interface GlobalId {
  readonly sourceId: string;
  readonly type: EntityKind;
  readonly remoteId: string;
}

const TYPES: ReadonlySet<string> = new Set<EntityKind>(["User", "Team", "Project", "Group", "Permission"]);

export function toGlobalId(sourceId: string, type: EntityKind, remoteId: string): string {
  return `${sourceId}:${type}:${encodeURIComponent(remoteId)}`;
}

export function fromGlobalId(id: string): GlobalId | null {
  const match = /^([a-z][a-z0-9-]*):([A-Za-z]+):(.+)$/.exec(id);
  if (!match || !TYPES.has(match[2] as string)) return null;
  try {
    const remoteId = decodeURIComponent(match[3] as string);
    // No vendor id holds a lone surrogate, and no URL can carry one to a vendor.
    if (/\p{Cs}/u.test(remoteId)) return null;
    return { sourceId: match[1] as string, type: match[2] as EntityKind, remoteId };
  } catch {
    return null;
  }
}

export function globalIdOf(record: { sourceId: string; kind: EntityKind; remoteId: string }): string {
  return toGlobalId(record.sourceId, record.kind, record.remoteId);
}

const PERSON_PREFIX = "Person:";

/**
 * A person's global id: `Person:<key>`, the key (a normalized email, or `account:<User global id>`)
 * percent-encoded. Two parts where a source's ids have three, and a source id is lower case, so no
 * source's id can read as a person's or the other way round.
 */
export function personGlobalId(key: string): string {
  return `${PERSON_PREFIX}${encodeURIComponent(key)}`;
}

/** The key a person id names; null when `id` is not a person's id. */
export function personKeyFromId(id: string): string | null {
  if (!id.startsWith(PERSON_PREFIX)) return null;
  try {
    const key = decodeURIComponent(id.slice(PERSON_PREFIX.length));
    return key === "" || /\p{Cs}/u.test(key) ? null : key;
  } catch {
    return null;
  }
}
