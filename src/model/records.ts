/**
 * The unified model every connector maps its vendor's payloads into.
 * Plain data, no behaviour: the GraphQL layer reads these objects as they are.
 */

/** Normalized access level; each vendor README documents how its roles map onto it. */
export enum PermissionLevel {
  /** Explicitly no access (a vendor role that grants nothing). */
  NONE = "NONE",
  /** Can look, not change. */
  VIEW = "VIEW",
  /** Can run tests and record results. */
  EXECUTE = "EXECUTE",
  /** Can create and change test assets. */
  EDIT = "EDIT",
  /** Can manage a project: its members, settings and assets. */
  MANAGE = "MANAGE",
  /** Administers the whole instance. */
  ADMIN = "ADMIN",
  /** A vendor role Rollcall cannot place on this scale (a custom role); read `role`. */
  CUSTOM = "CUSTOM",
  /**
   * The vendor reports the access (a project membership) but not the role it comes with, so
   * Rollcall cannot say what it allows: `role` is null. Never a guess at a default role.
   */
  UNKNOWN = "UNKNOWN",
}

interface RecordBase {
  /** The configured source this record came from. */
  readonly sourceId: string;
  /** The vendor's own id, as a string. */
  readonly remoteId: string;
  /** The vendor payload as received (for fields the unified model lacks). */
  readonly raw: unknown;
}

export interface DepartmentRef {
  readonly remoteId: string;
  readonly name: string | null;
}

export interface UserRecord extends RecordBase {
  readonly kind: "User";
  readonly login: string | null;
  readonly email: string | null;
  readonly displayName: string;
  readonly firstName: string | null;
  readonly lastName: string | null;
  readonly active: boolean;
  /** True when the account administers the whole instance. */
  readonly admin: boolean | null;
  readonly lastLoginAt: Date | null;
  readonly createdAt: Date | null;
  readonly updatedAt: Date | null;
  /** Where a vendor files users under an organisational unit (a department). */
  readonly department?: DepartmentRef | null;
  /** Soft-deleted in the vendor (where it soft-deletes); hidden from lists unless asked for. */
  readonly archived?: boolean;
  /** Optimistic-concurrency token where the vendor has one. */
  readonly version?: string | null;
}

export interface TeamRecord extends RecordBase {
  readonly kind: "Team";
  readonly name: string;
  readonly description: string | null;
  readonly createdAt: Date | null;
  readonly updatedAt: Date | null;
}

export interface ProjectRecord extends RecordBase {
  readonly kind: "Project";
  readonly name: string;
  readonly description: string | null;
  /** Null when the vendor's answer doesn't say (never assumed active). */
  readonly active: boolean | null;
  readonly createdAt: Date | null;
  readonly url?: string | null;
}

export interface GroupRecord extends RecordBase {
  readonly kind: "Group";
  readonly name: string;
  readonly description: string | null;
  /** Capabilities the group grants, as the vendor names them. */
  readonly grants: readonly string[];
  readonly archived: boolean;
  /** Optimistic-concurrency token where the vendor has one. */
  readonly version?: string | null;
}

/** How a permission reached the user: directly, or through a group or team. */
export interface PermissionGrantor {
  readonly type: "Group" | "Team";
  readonly remoteId: string;
}

export interface PermissionRecord extends RecordBase {
  readonly kind: "Permission";
  readonly userId: string;
  /** Null for an instance-wide (global) role. */
  readonly projectId: string | null;
  /** The project as the vendor returned it alongside, when it did (saves a load). */
  readonly project?: ProjectRecord | null;
  /** The vendor's own role or profile name; null when the vendor did not say (level UNKNOWN). */
  readonly role: string | null;
  readonly level: PermissionLevel;
  readonly via?: PermissionGrantor | null;
}

export type AnyRecord = UserRecord | TeamRecord | ProjectRecord | GroupRecord | PermissionRecord;
export type EntityKind = AnyRecord["kind"];

/** Parts made of these only are the same encoded (most ids are). */
const PLAIN_PART = /^[\w.-]*$/;

/** encodeURIComponent leaves "~" (the separator) as it is, so it is escaped here as well. */
const encodePart = (part: string) =>
  PLAIN_PART.test(part) ? part : encodeURIComponent(part).replace(/~/g, "%7E");

/** The role part of a permission id when the vendor did not name the role ("?" is escaped elsewhere). */
const UNKNOWN_ROLE = "?";

/**
 * A permission's remote id: stable and unique per (user, project, role) — "*" for no project,
 * "?" for a role the vendor did not name (a project whose own id is "*", a role named "?" and a
 * "~" anywhere are escaped: each once made ids that `node(id:)` could not read back).
 */
export function permissionRemoteId(userId: string, projectId: string | null, role: string | null): string {
  const project = projectId === null ? "*" : projectId === "*" ? "%2A" : encodePart(projectId);
  return `${encodePart(userId)}~${project}~${role === null ? UNKNOWN_ROLE : encodePart(role)}`;
}

export function parsePermissionRemoteId(
  remoteId: string,
): { userId: string; projectId: string | null; role: string | null } | null {
  const parts = remoteId.split("~");
  if (parts.length !== 3) return null;
  const [userId, projectId, role] = parts as [string, string, string];
  try {
    return {
      userId: decodeURIComponent(userId),
      projectId: projectId === "*" ? null : decodeURIComponent(projectId),
      role: role === UNKNOWN_ROLE ? null : decodeURIComponent(role),
    };
  } catch {
    return null; // not an id this function made (a malformed escape): no such permission
  }
}
