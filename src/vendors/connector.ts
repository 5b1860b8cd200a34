/**
 * THE contract every vendor implements. No vendor code lives here, and nothing outside a
 * vendor folder knows a vendor's terms: the rest of Rollcall speaks only these types.
 *
 * Batch methods keep the DataLoader contract: `result[i]` answers `keys[i]`, the result has
 * the keys' length, and a miss is an `Error` in its slot, never a gap or a reordering.
 * Each vendor answers a batch its cheapest way (bulk call, paged list, bounded-concurrency
 * single gets); that choice stays inside its folder.
 */
import type { Capability } from "../model/capabilities.js";
import type { NameFilter, UserFilter } from "../model/filters.js";
import type {
  GroupRecord,
  PermissionRecord,
  ProjectRecord,
  TeamRecord,
  UserRecord,
} from "../model/records.js";
import type { ConnectorWrites } from "./connector-writes.js";

/** One batch answer: a value or an Error per key, in key order. */
export type BatchResult<T> = Promise<Array<T | Error>>;

/** Read-through access to the request's loaders of *this* source, so a vendor can hydrate ids
 *  through the same batches and caches the resolvers use (one upstream call, not two). */
export interface SourceLoaders {
  loadUsers(ids: readonly string[]): Promise<Array<UserRecord | Error>>;
  loadProjects(ids: readonly string[]): Promise<Array<ProjectRecord | Error>>;
  /** Hand records fetched along the way to the loaders, so later loads cost nothing. */
  prime(records: ReadonlyArray<UserRecord | ProjectRecord | TeamRecord | GroupRecord>): void;
}

/**
 * What a connector sees of the GraphQL operation it is serving. Created per request and source;
 * never shared across requests.
 */
export interface RequestScope extends SourceLoaders {
  /** Run `load` once per key for this operation (e.g. "the project list"), sharing the promise. */
  once<T>(key: string, load: () => Promise<T>): Promise<T>;
}

export interface ListRequest<F> {
  readonly filter: F;
  /** Position in the vendor's ordering of the (pushed-down) result, 0-based. */
  readonly offset: number;
  /** At most this many items; a connector may return fewer (vendor page caps), then is asked again. */
  readonly limit: number;
}

/** A `limit` that asks for the whole list (a snapshot's projects, everyone for `people`): a
 *  connector may answer it from the request's shared read of that list. */
export const WHOLE_LIST_LIMIT = 2 ** 30;

export interface ListPage<T> {
  /** Items at positions offset, offset+1, ... in the vendor's stable order. */
  readonly items: readonly T[];
  /** How many items the pushed-down sequence holds, when the vendor says (or it is known). */
  readonly total: number | null;
  /** Whether positions after the returned items exist. */
  readonly hasMore: boolean;
  /** True when every filter criterion was applied upstream, so `items` are exactly the matches
   *  and `total` counts matches. When false, Rollcall filters the rest itself. */
  readonly exact: boolean;
}

export interface EntityReader<T, F> {
  getMany(ids: readonly string[], scope: RequestScope): BatchResult<T>;
  list(request: ListRequest<F>, scope: RequestScope): Promise<ListPage<T>>;
}

export type UserReader = EntityReader<UserRecord, UserFilter>;

export interface TeamReader extends EntityReader<TeamRecord, NameFilter> {
  /** Teams of each user. */
  ofUsers(userIds: readonly string[], scope: RequestScope): BatchResult<TeamRecord[]>;
  /** Members of each team. */
  members(teamIds: readonly string[], scope: RequestScope): BatchResult<UserRecord[]>;
}

export interface GroupReader extends EntityReader<GroupRecord, NameFilter> {
  ofUsers(userIds: readonly string[], scope: RequestScope): BatchResult<GroupRecord[]>;
  members(groupIds: readonly string[], scope: RequestScope): BatchResult<UserRecord[]>;
}

export type ProjectReader = EntityReader<ProjectRecord, NameFilter>;

/** Who holds which role where. `User.projects` and `Project.members` derive from these. */
export interface PermissionReader {
  ofUsers(userIds: readonly string[], scope: RequestScope): BatchResult<PermissionRecord[]>;
  ofProjects(projectIds: readonly string[], scope: RequestScope): BatchResult<PermissionRecord[]>;
}

/** A configured source as clients may see it: no credentials. */
export interface SourceDescriptor {
  readonly id: string;
  readonly kind: string;
  /** Display name: from config, or the vendor's product name. */
  readonly name: string;
  readonly vendor: string;
  readonly baseUrl: string;
}

/** What `probe` learned about Rollcall's own account on the source. */
export interface ProbeResult {
  /**
   * Whether the account holds the vendor's admin rights for user management (what Rollcall needs
   * to read every user, membership and role, and to administer them), as the vendor's answer
   * states it; null when the vendor's answer does not say. Never inferred from a call merely
   * succeeding, unless the vendor documents that call as admin-only.
   */
  readonly admin: boolean | null;
  /** What `admin` rests on (the call and the field, in the vendor's terms), or why it is unknown.
   *  Shown to operators by `rollcall check`; never a secret. */
  readonly adminBasis: string;
}

/** User relations a query can ask for (what `prefetch` is told about). */
export type UserRelation = "teams" | "groups" | "projects" | "permissions";

/** What a vendor folder's connector implements. */
export interface VendorConnector {
  readonly source: SourceDescriptor;
  readonly users: UserReader;
  readonly teams?: TeamReader;
  readonly projects?: ProjectReader;
  readonly groups?: GroupReader;
  readonly permissions?: PermissionReader;
  /** User administration (src/vendors/connector-writes.ts); absent members are unsupported. */
  readonly writes?: ConnectorWrites;
  /**
   * The operation will want these relations of the users it is listing: start the calls that do
   * not depend on which users come back (the project list, the role list…) now, through
   * `scope.once` with the same keys the relation code uses, so they overlap the list call instead
   * of following it. Fire and forget; failures surface when the relation is resolved. Only
   * speculate one level: a call that needs the users must wait for them.
   */
  prefetch?(wants: ReadonlySet<UserRelation>, scope: RequestScope): void;
  /** A user's picture, fetched with the source's credentials (served by the gateway at
   *  `/avatars/{userGlobalId}`); null when the user has none. Absent when the vendor has no avatars. */
  avatar?(userId: string): Promise<{ contentType: string; data: Buffer } | null>;
  /** One cheap authenticated call that also tells, where the vendor can, whether Rollcall's
   *  account has admin rights; throws a SourceError when the source can't be used. */
  probe(): Promise<ProbeResult>;
  /** Release sockets and timers. */
  close(): Promise<void>;
}

/** A source's connector as the gateway holds it: with what it can do, derived from what it
 *  implements (capabilities.ts `connect`), never declared beside it. */
export interface Connector extends VendorConnector {
  readonly capabilities: ReadonlySet<Capability>;
  /** The most users one list call reads (capabilities.ts `userPageSizeOf`); null when the vendor
   *  reads its whole list whatever is asked; absent where not derived (a connector built by hand). */
  readonly userPageSize?: number | null;
}
