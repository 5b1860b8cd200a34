/**
 * Plain unified records for the access planner's specs: sources, their lists and people's
 * accounts, written by hand (no vendor, no HTTP).
 */
import { Capability } from "../../../src/model/capabilities.js";
import { ErrorCode, SourceError } from "../../../src/model/errors.js";
import {
  type GroupRecord,
  PermissionLevel,
  type PermissionRecord,
  type ProjectRecord,
  permissionRemoteId,
  type TeamRecord,
  type UserRecord,
} from "../../../src/model/records.js";
import type { SourceCatalog } from "../../../src/plans/access-as-code/catalog.js";
import type {
  AccessLiveState,
  Holder,
  ProjectHolder,
} from "../../../src/plans/access-as-code/live-access.js";
import { parseDesiredState } from "../../../src/plans/access-as-code/parse-desired-state.js";
import { type AccessPlanDraft, planAccess } from "../../../src/plans/access-as-code/plan-access.js";
import { resolveDesiredState } from "../../../src/plans/access-as-code/resolve-desired-state.js";
import { targetKey } from "../../../src/plans/access-as-code/resolved-state.js";
import type { AccountState, StepRecord } from "../../../src/plans/plan.js";
import type { WriteOperation } from "../../../src/vendors/connector-writes.js";

export function user(sourceId: string, remoteId: string, email: string | null, active = true): UserRecord {
  return {
    kind: "User",
    sourceId,
    remoteId,
    raw: {},
    login: email,
    email,
    displayName: email ?? remoteId,
    firstName: null,
    lastName: null,
    active,
    admin: false,
    lastLoginAt: null,
    createdAt: null,
    updatedAt: null,
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

export function permission(
  of: UserRecord,
  projectId: string,
  role: string | null,
  options: { level?: PermissionLevel; via?: PermissionRecord["via"] } = {},
): PermissionRecord {
  return {
    kind: "Permission",
    sourceId: of.sourceId,
    remoteId: permissionRemoteId(of.remoteId, projectId, role),
    raw: {},
    userId: of.remoteId,
    projectId,
    role,
    level: options.level ?? (role === null ? PermissionLevel.UNKNOWN : PermissionLevel.EXECUTE),
    via: options.via ?? null,
  };
}

export function account(
  of: UserRecord,
  holds: {
    permissions?: readonly PermissionRecord[] | Error;
    groups?: readonly GroupRecord[] | Error;
    teams?: readonly TeamRecord[] | Error;
  } = {},
): AccountState {
  return {
    user: of,
    permissions: holds.permissions ?? [],
    groups: holds.groups ?? [],
    teams: holds.teams ?? [],
  };
}

/** A source's failure as a connector reports it. */
export function outage(sourceId: string): SourceError {
  return new SourceError(`Source "${sourceId}" is unreachable (ECONNREFUSED)`, {
    code: ErrorCode.SOURCE_UNAVAILABLE,
    sourceId,
    vendor: "Example",
    retryable: true,
  });
}

/** A source that can do everything, but what `unsupported` declines (in its vendor's words). */
export function catalog(
  sourceId: string,
  lists: Partial<Omit<SourceCatalog, "id" | "abilities">> & {
    unsupported?: Partial<Record<WriteOperation, string>>;
  } = {},
): SourceCatalog {
  const { unsupported, ...rest } = lists;
  return {
    id: sourceId,
    projects: null,
    roles: null,
    groups: null,
    teams: null,
    abilities: {
      id: sourceId,
      vendor: "Example",
      capabilities: new Set(Object.values(Capability)),
      unsupported,
      removesGroupMembers: true,
    },
    ...rest,
  };
}

/** A holder of an exclusive project or a member of an exclusive group, read and keyed by email. */
export function holder(of: UserRecord, permissions: readonly PermissionRecord[] = []): ProjectHolder {
  return { userId: of.remoteId, user: of, personKey: of.email?.toLowerCase() ?? null, permissions };
}

export const member = (of: UserRecord): Holder => holder(of);

/** The live state, built with targetKey-keyed maps from `[sourceId, id]` pairs. */
export function live(state: {
  accounts?: Record<string, Record<string, readonly AccountState[] | Error>>;
  projectHolders?: Array<[[string, string], readonly ProjectHolder[] | Error]>;
  groupMembers?: Array<[[string, string], readonly Holder[] | Error]>;
  teamMembers?: Array<[[string, string], readonly Holder[] | Error]>;
}): AccessLiveState {
  const keyed = <T>(entries: Array<[[string, string], T]> = []) =>
    new Map(entries.map(([[sourceId, id], value]) => [targetKey({ sourceId, id }), value]));
  return {
    accounts: new Map(
      Object.entries(state.accounts ?? {}).map(([key, bySource]) => [key, new Map(Object.entries(bySource))]),
    ),
    projectHolders: keyed(state.projectHolders),
    groupMembers: keyed(state.groupMembers),
    teamMembers: keyed(state.teamMembers),
  };
}

/** What a reader of the plan cares about in a step, in one line. */
export function brief(step: StepRecord): string {
  const change = `${step.from ?? "∅"} → ${step.to ?? "∅"}`;
  const depends = step.dependsOn.length > 0 ? ` after ${step.dependsOn.join(",")}` : "";
  return `${step.id} ${step.action} ${step.target.label}: ${change}${step.possible ? "" : " IMPOSSIBLE"}${depends}`;
}

/** A file's plan against hand-written sources and live state: parse, resolve, plan. */
export function planFor(
  text: string,
  options: {
    catalogs: readonly SourceCatalog[];
    live?: AccessLiveState;
    /** Default: every catalog's source. */
    selected?: readonly string[];
  },
): AccessPlanDraft {
  const catalogs = new Map(options.catalogs.map((c) => [c.id, c]));
  const configured = options.catalogs.map((c) => c.id);
  const { file, lineOf } = parseDesiredState(text);
  const desired = resolveDesiredState({
    file,
    lineOf,
    configured,
    selected: options.selected ?? configured,
    catalogs,
  });
  return planAccess({ desired, live: options.live ?? live({}), catalogs });
}
