/**
 * What one operation costs a source, in upstream calls: each vendor folder declares it (its
 * `costs.ts`, referenced by its VendorModule) from what its connector does — page caps, bulk reads,
 * calls per user, per project, per group — and the gateway's estimate (server/limits/) adds the
 * declarations up over an operation before anything runs. The words here are the unified model's:
 * no vendor term, and nothing outside a vendor folder knows how a vendor answers.
 */
import type { NameFilter, UserFilter } from "../model/filters.js";

/**
 * What the estimate assumes a source holds where a cost depends on it (one call per project, the
 * pages of the whole user list): `server.limits.sourceSize`. Keys of one type in one operation
 * are never more than the source holds, so nested relations are bounded by these too.
 */
export interface SourceSize {
  readonly users: number;
  readonly teams: number;
  readonly groups: number;
  readonly projects: number;
}

/**
 * Reads made at most once per operation whoever needs them (a connector's `scope.once`, a loader's
 * cache), named so that two fields needing them count them once: a number for one read (or one
 * list's pages: the project list), or `calls` out of a pool of `of` once-per-key reads (one
 * project's members, one user by id), which two fields may each need part of but never more
 * than all of.
 */
export type Shared = number | { readonly calls: number; readonly of: number };

/** Upstream calls of one read: `calls` made for this read alone, and `shared` reads. */
export interface Calls {
  readonly calls?: number;
  readonly shared?: Readonly<Record<string, Shared>>;
}

export const NO_CALLS: Calls = {};

/** The schema's relations: what resolving a field costs for `keys` distinct parent objects. */
export type CostedRelation =
  | "User.teams"
  | "User.groups"
  | "User.projects"
  | "User.permissions"
  | "Team.members"
  | "Group.members"
  | "Project.members"
  | "Project.permissions"
  | "Permission.user"
  | "Permission.project"
  | "Permission.via";

export type ListedEntity = "users" | "teams" | "groups" | "projects";

/** One source's costs, built from its config (its page size may be smaller than the vendor's cap). */
export interface SourceCosts {
  /** A page of `positions` items of a top-level list from its start, for this filter. */
  readonly list: {
    readonly users: (positions: number, filter: UserFilter, size: SourceSize) => Calls;
    /** Absent where the vendor has none of them (the list is empty without a call). */
    readonly teams?: (positions: number, filter: NameFilter, size: SourceSize) => Calls;
    readonly groups?: (positions: number, filter: NameFilter, size: SourceSize) => Calls;
    readonly projects?: (positions: number, filter: NameFilter, size: SourceSize) => Calls;
  };
  /** Reading `keys` distinct objects by id (`node`, `nodes`). */
  readonly byIds: {
    readonly users: (keys: number, size: SourceSize) => Calls;
    readonly teams?: (keys: number, size: SourceSize) => Calls;
    readonly groups?: (keys: number, size: SourceSize) => Calls;
    readonly projects?: (keys: number, size: SourceSize) => Calls;
    /** A permission by id (read through its user's permissions). */
    readonly permissions?: (keys: number, size: SourceSize) => Calls;
  };
  /** Every relation, declared even where it costs nothing, so none is forgotten. */
  readonly relations: Readonly<Record<CostedRelation, (keys: number, size: SourceSize) => Calls>>;
  /** `Source.status`: the live check, once per operation. */
  readonly status: Calls;
}

/** Calls to read `items` in pages of `pageSize` (one call at least: an empty list is asked too). */
export const pages = (items: number, pageSize: number): number => Math.max(1, Math.ceil(items / pageSize));

/** `calls` of a pool of `of` once-per-key reads (see Shared). */
export const some = (calls: number, of: number): Shared => ({ calls: Math.min(calls, of), of });

/** Whether a user filter asks for anything beyond `includeArchived`. */
export const narrowsUsers = (filter: UserFilter): boolean =>
  filter.email !== undefined ||
  filter.login !== undefined ||
  filter.nameContains !== undefined ||
  filter.active !== undefined;

/** Whether a name filter asks for anything beyond `includeArchived`. */
export const narrowsNames = (filter: NameFilter): boolean => filter.nameContains !== undefined;

/**
 * What a source holds where the floor depends on it, counted through the gateway before the floor
 * is computed (bench/lib/shape.ts).
 */
export interface SourceShape {
  /** Users the directory operation lists. */
  readonly users: number;
  readonly teams: number;
  /** Groups, archived ones included. */
  readonly groups: number;
  readonly projects: number;
  /** Users holding a role, per project (where the vendor pages a project's member list). */
  readonly membersPerProject: readonly number[];
}

/**
 * The fewest upstream calls the vendor's API allows for the directory operation (every user with
 * teams, groups, projects and permissions), from its documented endpoints and page caps — not from
 * what the connector happens to do — and the critical path in round trips: the longest chain of
 * calls that wait on each other's answers, for the directory and for an email lookup with
 * permissions. A call that only needs data the API gives elsewhere is not in the chain.
 * The batching-floor tests and the benchmarks hold the gateway to it; the vendor's README states it.
 */
export interface DirectoryFloor {
  readonly calls: (s: SourceShape) => number;
  /** Why no fewer calls can do, in the vendor's terms. */
  readonly reason: string;
  readonly directoryDepth: (s: SourceShape) => number;
  readonly lookupDepth: (s: SourceShape) => number;
  readonly depthReason: string;
}

/** Round trips to read a list whose first page reports the total: the rest go out together. */
export const pagedDepth = (items: number, pageSize: number): number => (items <= pageSize ? 1 : 2);
