import type { ProjectRecord, TeamRecord } from "../../model/records.js";
import type { RequestScope } from "../connector.js";
import type { SquashClient } from "./client.js";
import { toProject, toTeam } from "./mapper.js";
import { readAllPages } from "./pages.js";
import type { RawClearances } from "./raw-types.js";

/**
 * The Squash reads that several batches of one request share, each sent at most once per request
 * (`scope.once`) and started early by `prefetch`: the team list, the project list and each
 * project's clearances. The records read along the way are primed into the request's loaders.
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
      const raw = await readAllPages("teams", this.pageSize, (p, s) => this.client.listTeams(p, s));
      const teams = raw.map((t) => toTeam(t, this.sourceId));
      scope.prime(teams);
      return new Map(teams.map((t) => [t.remoteId, t]));
    });
  }

  projects(scope: RequestScope): Promise<readonly ProjectRecord[]> {
    return scope.once("squash:projects", async () => {
      const raw = await readAllPages("projects", this.pageSize, (p, s) => this.client.listProjects(p, s));
      const projects = raw.map((p) => toProject(p, this.sourceId));
      scope.prime(projects);
      return projects;
    });
  }

  clearances(scope: RequestScope, projectId: string): Promise<RawClearances> {
    return scope.once(`squash:clearances:${projectId}`, () => this.client.getProjectClearances(projectId));
  }
}
