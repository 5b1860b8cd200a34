/** Plain records and sources for the planners' specs: no vendor, no HTTP. */
import { Capability } from "../../../src/model/capabilities.js";
import {
  type GroupRecord,
  PermissionLevel,
  type PermissionRecord,
  type ProjectRecord,
  permissionRemoteId,
  type TeamRecord,
  type UserRecord,
} from "../../../src/model/records.js";
import type { SourceAbilities } from "../../../src/plans/source-abilities.js";

export function user(sourceId: string, remoteId: string, over: Partial<UserRecord> = {}): UserRecord {
  return {
    kind: "User",
    sourceId,
    remoteId,
    raw: {},
    login: null,
    email: "dana@example.com",
    displayName: "Dana Scully",
    firstName: "Dana",
    lastName: "Scully",
    active: true,
    admin: false,
    lastLoginAt: null,
    createdAt: null,
    updatedAt: null,
    ...over,
  };
}

export function permission(
  owner: UserRecord,
  projectId: string | null,
  role: string | null,
  over: Partial<PermissionRecord> = {},
): PermissionRecord {
  return {
    kind: "Permission",
    sourceId: owner.sourceId,
    remoteId: permissionRemoteId(owner.remoteId, projectId, role),
    raw: {},
    userId: owner.remoteId,
    projectId,
    role,
    level: role === null ? PermissionLevel.UNKNOWN : PermissionLevel.EXECUTE,
    ...over,
  };
}

export function project(sourceId: string, remoteId: string, name: string): ProjectRecord {
  return {
    kind: "Project",
    sourceId,
    remoteId,
    raw: {},
    name,
    description: null,
    active: true,
    createdAt: null,
  };
}

export function group(sourceId: string, remoteId: string, name: string): GroupRecord {
  return { kind: "Group", sourceId, remoteId, raw: {}, name, description: null, grants: [], archived: false };
}

export function team(sourceId: string, remoteId: string, name: string): TeamRecord {
  return {
    kind: "Team",
    sourceId,
    remoteId,
    raw: {},
    name,
    description: null,
    createdAt: null,
    updatedAt: null,
  };
}

/** A source that can do everything, minus `without`; `unsupported` gives the vendor's reasons. */
export function source(
  id: string,
  options: {
    without?: readonly Capability[];
    unsupported?: SourceAbilities["unsupported"];
    removesGroupMembers?: boolean;
  } = {},
): SourceAbilities {
  const all = Object.values(Capability).filter((c) => !options.without?.includes(c));
  return {
    id,
    vendor: `Vendor ${id}`,
    capabilities: new Set(all),
    unsupported: options.unsupported ?? {},
    removesGroupMembers: options.removesGroupMembers ?? true,
  };
}

export const sourcesMap = (...sources: SourceAbilities[]) => new Map(sources.map((s) => [s.id, s]));
