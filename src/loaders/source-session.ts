import DataLoader from "dataloader";
import type {
  GroupRecord,
  PermissionRecord,
  ProjectRecord,
  TeamRecord,
  UserRecord,
} from "../model/records.js";
import { traced } from "../telemetry/spans.js";
import type { BatchResult, Connector, RequestScope } from "../vendors/connector.js";

type Batch<V> = (keys: readonly string[]) => BatchResult<V>;

/**
 * Guards the DataLoader contract at the boundary, so a connector bug fails loudly, not silently;
 * each batch is a span (when the request is traced), the parent of the vendor calls it makes.
 */
function checked<V>(
  sourceId: string,
  what: string,
  relation: string,
  batch: Batch<V>,
): (keys: readonly string[]) => Promise<Array<V | Error>> {
  return (keys) =>
    traced(
      `batch ${relation}`,
      { "rollcall.source": sourceId, "rollcall.relation": relation, "rollcall.keys": keys.length },
      async () => {
        const results = await batch(keys);
        if (results.length !== keys.length)
          throw new Error(
            `connector "${sourceId}" answered ${results.length} ${what} for ${keys.length} keys`,
          );
        return results;
      },
    );
}

/** `batching: false` is the naive baseline the benchmarks compare against: every load is its own
 *  upstream call and nothing is cached within the operation. Never use it in production. */
export interface SessionOptions {
  readonly batching: boolean;
  /** Where `once` keeps its reads; a session's own map by default (everything kept while it lives).
   *  A snapshot's sessions live for a whole source and pass a memo that lets go of what its pages
   *  stop asking for (loaders/paged-memo.ts). */
  readonly memo?: OnceMemo;
}

/** What `SourceSession.once` keeps its shared reads in. */
export interface OnceMemo {
  get(key: string): Promise<unknown> | undefined;
  set(key: string, value: Promise<unknown>): void;
  delete(key: string): void;
  clear(): void;
}

/**
 * A DataLoader that can also answer synchronously once a key's value is in: resolvers then return
 * plain values, and graphql-js completes those fields without a promise each — most of its cost on
 * a directory page, whose relations are all loaded before its fields are walked (bench/README.md).
 */
export class SettledLoader<V> extends DataLoader<string, V> {
  constructor(
    batch: (keys: readonly string[]) => Promise<Array<V | Error>>,
    options: SessionOptions,
    private readonly settled = new Map<string, V>(),
  ) {
    super(
      async (keys) => {
        const results = await batch(keys);
        if (options.batching)
          results.forEach((result, i) => {
            if (!(result instanceof Error)) settled.set(keys[i] as string, result);
          });
        return results;
      },
      options.batching ? {} : { batch: false, cache: false },
    );
    this.remembers = options.batching;
  }

  /** Whether loaded values are kept (not in the naive, uncached mode). */
  private readonly remembers: boolean;

  /** The value of `key` if it has loaded (successfully) in this operation. */
  peek(key: string): V | undefined {
    return this.settled.get(key);
  }

  /** The value itself when it has loaded, else the promise of loading it. */
  loadNow(key: string): V | Promise<V> {
    return this.settled.get(key) ?? this.load(key);
  }

  override prime(key: string, value: V | PromiseLike<V> | Error): this {
    if (this.remembers && !(value instanceof Error) && !isPromiseLike(value) && !this.settled.has(key))
      this.settled.set(key, value);
    return super.prime(key, value);
  }

  override clear(key: string): this {
    this.settled.delete(key);
    return super.clear(key);
  }

  override clearAll(): this {
    this.settled.clear();
    return super.clearAll();
  }
}

const isPromiseLike = (value: unknown): value is PromiseLike<unknown> =>
  typeof (value as PromiseLike<unknown> | null)?.then === "function";

/** `fn` applied to a value now, or once it arrives (keeps a loaded value synchronous). */
export function whenLoaded<T, R>(value: T | Promise<T>, fn: (value: T) => R): R | Promise<Awaited<R>> {
  return isPromiseLike(value) ? (value as Promise<T>).then(fn as (value: T) => Awaited<R>) : fn(value as T);
}

function loader<V>(
  sourceId: string,
  what: string,
  relation: string,
  batch: Batch<V>,
  options: SessionOptions,
): SettledLoader<V> {
  return new SettledLoader<V>(checked(sourceId, what, relation, batch), options);
}

/**
 * One source's loaders for one GraphQL operation: every read of that source goes through here,
 * so equal keys are fetched once and keys asked in the same tick share one batch. Never shared
 * across operations (no data leaks between callers, no stale reads after a write).
 */
export class SourceSession implements RequestScope {
  readonly users: SettledLoader<UserRecord>;
  readonly teams?: SettledLoader<TeamRecord>;
  readonly projects?: SettledLoader<ProjectRecord>;
  readonly groups?: SettledLoader<GroupRecord>;
  readonly teamsOfUser?: SettledLoader<TeamRecord[]>;
  readonly teamMembers?: SettledLoader<UserRecord[]>;
  readonly groupsOfUser?: SettledLoader<GroupRecord[]>;
  readonly groupMembers?: SettledLoader<UserRecord[]>;
  readonly permissionsOfUser?: SettledLoader<PermissionRecord[]>;
  readonly permissionsOfProject?: SettledLoader<PermissionRecord[]>;
  private readonly memo: OnceMemo;

  constructor(
    readonly connector: Connector,
    private readonly options: SessionOptions = { batching: true },
  ) {
    this.memo = options.memo ?? new Map<string, Promise<unknown>>();
    const id = connector.source.id;
    const { users, teams, projects, groups, permissions } = connector;
    this.users = loader(id, "users", "users", (k) => users.getMany(k, this), options);
    if (teams) {
      this.teams = loader(id, "teams", "teams", (k) => teams.getMany(k, this), options);
      this.teamsOfUser = loader(id, "team lists", "teamsOfUser", (k) => teams.ofUsers(k, this), options);
      this.teamMembers = loader(id, "member lists", "teamMembers", (k) => teams.members(k, this), options);
    }
    if (projects)
      this.projects = loader(id, "projects", "projects", (k) => projects.getMany(k, this), options);
    if (groups) {
      this.groups = loader(id, "groups", "groups", (k) => groups.getMany(k, this), options);
      this.groupsOfUser = loader(id, "group lists", "groupsOfUser", (k) => groups.ofUsers(k, this), options);
      this.groupMembers = loader(id, "member lists", "groupMembers", (k) => groups.members(k, this), options);
    }
    if (permissions) {
      this.permissionsOfUser = loader(
        id,
        "permission lists",
        "permissionsOfUser",
        (k) => permissions.ofUsers(k, this),
        options,
      );
      this.permissionsOfProject = loader(
        id,
        "permission lists",
        "permissionsOfProject",
        (k) => permissions.ofProjects(k, this),
        options,
      );
    }
  }

  get sourceId(): string {
    return this.connector.source.id;
  }

  once<T>(key: string, load: () => Promise<T>): Promise<T> {
    if (!this.options.batching) {
      // Nothing shared, but a read a connector started and never awaited (its other reads failed
      // first) is as handled as in the batching mode: an unhandled rejection ends the process.
      const fresh = load();
      fresh.catch(() => undefined);
      return fresh;
    }
    let pending = this.memo.get(key) as Promise<T> | undefined;
    if (!pending) {
      pending = load();
      this.memo.set(key, pending);
      // A failure is not cached: a later resolver in the same operation may try again.
      pending.catch(() => this.memo.delete(key));
    }
    return pending;
  }

  loadUsers(ids: readonly string[]): Promise<Array<UserRecord | Error>> {
    return this.users.loadMany(ids);
  }

  async loadProjects(ids: readonly string[]): Promise<Array<ProjectRecord | Error>> {
    if (!this.projects)
      return ids.map((id) => new Error(`source "${this.sourceId}" has no projects (${id})`));
    return this.projects.loadMany(ids);
  }

  /** The projects of `ids` if every one has loaded, else undefined (load them instead). */
  peekProjects(ids: readonly string[]): ProjectRecord[] | undefined {
    const out: ProjectRecord[] = [];
    for (const id of ids) {
      const project = this.projects?.peek(id);
      if (!project) return undefined;
      out.push(project);
    }
    return out;
  }

  prime(records: ReadonlyArray<UserRecord | ProjectRecord | TeamRecord | GroupRecord>): void {
    for (const record of records) {
      switch (record.kind) {
        case "User":
          this.users.prime(record.remoteId, record);
          break;
        case "Project":
          this.projects?.prime(record.remoteId, record);
          break;
        case "Team":
          this.teams?.prime(record.remoteId, record);
          break;
        case "Group":
          this.groups?.prime(record.remoteId, record);
          break;
      }
    }
  }

  /**
   * Forget what was loaded by key — users and their relations, members — keeping the shared reads
   * (`once`: a project list, each project's members) and the projects, groups and teams loaded:
   * a snapshot reads a source page by page through one session, and what one page loaded of its
   * accounts is never asked again.
   */
  forgetAccounts(): void {
    for (const l of [
      this.users,
      this.teamsOfUser,
      this.teamMembers,
      this.groupsOfUser,
      this.groupMembers,
      this.permissionsOfUser,
      this.permissionsOfProject,
    ])
      l?.clearAll();
  }

  /** Forget cached reads (after a write through this session). */
  clear(): void {
    for (const l of [
      this.users,
      this.teams,
      this.projects,
      this.groups,
      this.teamsOfUser,
      this.teamMembers,
      this.groupsOfUser,
      this.groupMembers,
      this.permissionsOfUser,
      this.permissionsOfProject,
    ])
      l?.clearAll();
    this.memo.clear();
  }
}
