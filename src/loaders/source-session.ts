import DataLoader from "dataloader";
import type {
  GroupRecord,
  PermissionRecord,
  ProjectRecord,
  TeamRecord,
  UserRecord,
} from "../model/records.js";
import type { BatchResult, Connector, RequestScope } from "../vendors/connector.js";

type Batch<V> = (keys: readonly string[]) => BatchResult<V>;

/** Guards the DataLoader contract at the boundary, so a connector bug fails loudly, not silently. */
function checked<V>(
  sourceId: string,
  what: string,
  batch: Batch<V>,
): (keys: readonly string[]) => Promise<Array<V | Error>> {
  return async (keys) => {
    const results = await batch(keys);
    if (results.length !== keys.length)
      throw new Error(`connector "${sourceId}" answered ${results.length} ${what} for ${keys.length} keys`);
    return results;
  };
}

/** `batching: false` is the naive baseline the benchmarks compare against: every load is its own
 *  upstream call and nothing is cached within the operation. Never use it in production. */
export interface SessionOptions {
  readonly batching: boolean;
}

function loader<V>(
  sourceId: string,
  what: string,
  batch: Batch<V>,
  options: SessionOptions,
): DataLoader<string, V> {
  return new DataLoader<string, V>(
    checked(sourceId, what, batch),
    options.batching ? {} : { batch: false, cache: false },
  );
}

/**
 * One source's loaders for one GraphQL operation: every read of that source goes through here,
 * so equal keys are fetched once and keys asked in the same tick share one batch. Never shared
 * across operations (no data leaks between callers, no stale reads after a write).
 */
export class SourceSession implements RequestScope {
  readonly users: DataLoader<string, UserRecord>;
  readonly teams?: DataLoader<string, TeamRecord>;
  readonly projects?: DataLoader<string, ProjectRecord>;
  readonly groups?: DataLoader<string, GroupRecord>;
  readonly teamsOfUser?: DataLoader<string, TeamRecord[]>;
  readonly teamMembers?: DataLoader<string, UserRecord[]>;
  readonly groupsOfUser?: DataLoader<string, GroupRecord[]>;
  readonly groupMembers?: DataLoader<string, UserRecord[]>;
  readonly permissionsOfUser?: DataLoader<string, PermissionRecord[]>;
  readonly permissionsOfProject?: DataLoader<string, PermissionRecord[]>;
  private readonly memo = new Map<string, Promise<unknown>>();

  constructor(
    readonly connector: Connector,
    private readonly options: SessionOptions = { batching: true },
  ) {
    const id = connector.source.id;
    const { users, teams, projects, groups, permissions } = connector;
    this.users = loader(id, "users", (k) => users.getMany(k, this), options);
    if (teams) {
      this.teams = loader(id, "teams", (k) => teams.getMany(k, this), options);
      this.teamsOfUser = loader(id, "team lists", (k) => teams.ofUsers(k, this), options);
      this.teamMembers = loader(id, "member lists", (k) => teams.members(k, this), options);
    }
    if (projects) this.projects = loader(id, "projects", (k) => projects.getMany(k, this), options);
    if (groups) {
      this.groups = loader(id, "groups", (k) => groups.getMany(k, this), options);
      this.groupsOfUser = loader(id, "group lists", (k) => groups.ofUsers(k, this), options);
      this.groupMembers = loader(id, "member lists", (k) => groups.members(k, this), options);
    }
    if (permissions) {
      this.permissionsOfUser = loader(id, "permission lists", (k) => permissions.ofUsers(k, this), options);
      this.permissionsOfProject = loader(
        id,
        "permission lists",
        (k) => permissions.ofProjects(k, this),
        options,
      );
    }
  }

  get sourceId(): string {
    return this.connector.source.id;
  }

  once<T>(key: string, load: () => Promise<T>): Promise<T> {
    if (!this.options.batching) return load();
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
