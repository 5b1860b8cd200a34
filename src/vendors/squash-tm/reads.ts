import type { ProjectRecord, TeamRecord, UserRecord } from "../../model/records.js";
import type { RequestScope } from "../connector.js";
import type { SquashClient } from "./client.js";
import { toProject, toTeam, toUser } from "./mapper.js";
import { readAllPages } from "./pages.js";

/**
 * The Squash lists that several batches of one request share, each read at most once per request
 * (`scope.once`), the first two started early by `prefetch`: the team list, the project list, and
 * (only where an instance reads access per user alone) the user list. The records read along the
 * way are primed into the request's loaders.
 */
export class SquashReads {
  constructor(
    private readonly client: SquashClient,
    private readonly sourceId: string,
    private readonly pageSize: number,
  ) {}

  /** Every team, complete, by id: teams are few, and a user payload names its teams by id only. */
  teams(scope: RequestScope): Promise<ReadonlyMap<string, TeamRecord>> {
    return scope.once("squash:teams", async () => {
      const raw = await readAllPages("teams", this.pageSize, this.sourceId, (p, s) =>
        this.client.listTeams(p, s),
      );
      const teams = raw.map((t) => toTeam(t, this.sourceId));
      scope.prime(teams);
      return new Map(teams.map((t) => [t.remoteId, t]));
    });
  }

  projects(scope: RequestScope): Promise<readonly ProjectRecord[]> {
    return scope.once("squash:projects", async () => {
      const raw = await readAllPages("projects", this.pageSize, this.sourceId, (p, s) =>
        this.client.listProjects(p, s),
      );
      const projects = raw.map((p) => toProject(p, this.sourceId));
      scope.prime(projects);
      return projects;
    });
  }

  users(scope: RequestScope): Promise<readonly UserRecord[]> {
    return scope.once("squash:users", async () => {
      const raw = await readAllPages("users", this.pageSize, this.sourceId, (p, s) =>
        this.client.listUsers(p, s),
      );
      const users = raw.map((u) => toUser(u, this.sourceId));
      scope.prime(users);
      return users;
    });
  }
}
