import type { EntityKind } from "../../model/records.js";

/**
 * Global IDs read `<source>:<Type>:<vendor id>` (e.g. `acme:User:486`): they name the source,
 * the type and the vendor's own id, survive restarts, and are URL-safe (the vendor id is
 * percent-encoded). Clients should still treat them as opaque.
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
