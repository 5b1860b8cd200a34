import { apiPath } from "../http/api-path.js";
import type { HttpClient } from "../http/http-client.js";
import type {
  HalPage,
  RawNewUser,
  RawProject,
  RawTeam,
  RawUser,
  RawUserEmail,
  RawUserPatch,
  RawUserPermissions,
} from "./raw-types.js";

/** The user columns asked of list endpoints through `fields`, so a page arrives complete
 *  (without it, list items carry only id, login, active and group). `teams` (seed page "Get user",
 *  "teams — the team of the user participate") lets a page answer `User.teams` without a call per user. */
export const USER_FIELDS =
  "id,login,first_name,last_name,email,active,group,can_delete_from_front,teams,last_connected_on,created_by,created_on,last_modified_by,last_modified_on";

/** The team columns asked of `GET /teams`: its items are otherwise summaries (id, name), as the
 *  clients in REFERENCE §2.2 [C2] receive them, and a team record needs its description and dates. */
export const TEAM_FIELDS = "id,name,description,created_by,created_on,last_modified_by,last_modified_on";

/** The project columns asked of `GET /projects` (REFERENCE §2.2 [C2] lists `fields` among its
 *  parameters): whether list items are complete without it is not documented, and a project
 *  record needs its label, description and `active`. */
export const PROJECT_FIELDS = "id,name,label,description,active";

/** A path naming users, teams or projects by id: its 404 means they are unknown. */
const OBJECT = { notFound: "object" } as const;

/** The content type the doc page's examples carry on bodiless DELETE /users/{ids} and the team
 *  routes (seed page "Delete user", "Subscribe to teams", "Unsubscribe from teams"). */
const JSON_TYPE = { headers: { "content-type": "application/json" } } as const;

/** One method per Squash TM endpoint Rollcall calls. Paths are relative to `/api/rest/latest/`.
 *  Writes go through `send`, which never retries. */
export class SquashClient {
  constructor(private readonly http: HttpClient) {}

  /** `sort=id` keeps pages stable: without it Squash pages can skip rows (REFERENCE §2.3). */
  listUsers(page: number, size: number): Promise<HalPage<"users", RawUser>> {
    return this.http.get("users", { searchParams: { page, size, sort: "id", fields: USER_FIELDS } });
  }

  /** The email scan of an invite: only ids and emails, so 5,000 users stay a small read. */
  listUserEmails(page: number, size: number): Promise<HalPage<"users", RawUserEmail>> {
    return this.http.get("users", { searchParams: { page, size, sort: "id", fields: "id,email" } });
  }

  getUser(id: string): Promise<RawUser> {
    return this.http.get(apiPath`users/${id}`, OBJECT);
  }

  /** The admin plugin's by-login read. Its 404 is not marked as the user's: an instance without the
   *  plugin answers 404 for every login (logins.ts tells the two apart). */
  getUserByLogin(login: string): Promise<RawUser> {
    return this.http.get(apiPath`users/login/${login}`);
  }

  /** The first users' logins only: what LoginLookup asks the by-login route about. */
  listUserLogins(page: number, size: number): Promise<HalPage<"users", Pick<RawUser, "id" | "login">>> {
    return this.http.get("users", { searchParams: { page, size, sort: "id", fields: "id,login" } });
  }

  getUserTeams(login: string, size: number): Promise<HalPage<"teams", RawTeam>> {
    return this.http.get(apiPath`users/login/${login}/teams`, { searchParams: { page: 0, size }, ...OBJECT });
  }

  /** Seed page "Get user permissions". Its 404 is not marked as the user's: an instance may not
   *  serve the route (route-learning.ts tells the two apart). The payload is checked by the caller. */
  getUserPermissions(id: string): Promise<unknown> {
    return this.http.get(apiPath`users/${id}/permissions`);
  }

  listTeams(page: number, size: number): Promise<HalPage<"teams", RawTeam>> {
    return this.http.get("teams", { searchParams: { page, size, sort: "id", fields: TEAM_FIELDS } });
  }

  getTeam(id: string): Promise<RawTeam> {
    return this.http.get(apiPath`teams/${id}`, OBJECT);
  }

  getTeamMembers(id: string, size: number): Promise<HalPage<"members", RawUser>> {
    return this.http.get(apiPath`teams/${id}/members`, {
      searchParams: { page: 0, size, sort: "id", fields: USER_FIELDS },
      ...OBJECT,
    });
  }

  listProjects(page: number, size: number): Promise<HalPage<"projects", RawProject>> {
    return this.http.get("projects", { searchParams: { page, size, sort: "id", fields: PROJECT_FIELDS } });
  }

  getProject(id: string): Promise<RawProject> {
    return this.http.get(apiPath`projects/${id}`, OBJECT);
  }

  /** Who holds which profile on the project, users and teams (REFERENCE §2.2 [C2]). Like the two
   *  reads around it, an instance may not serve it, so its 404 is not marked as the project's. */
  getProjectClearances(id: string): Promise<unknown> {
    return this.http.get(apiPath`projects/${id}/clearances`);
  }

  /** The older "Get project permissions" (REFERENCE §2.2, REST API 1.0.2 table of contents) [I]. */
  getProjectPermissions(id: string): Promise<unknown> {
    return this.http.get(apiPath`projects/${id}/permissions`);
  }

  createUser(user: RawNewUser): Promise<RawUser> {
    return this.http.send("POST", "users", { json: user, secrets: [user.password] });
  }

  modifyUser(id: string, changes: RawUserPatch): Promise<RawUser> {
    return this.http.send("PATCH", apiPath`users/${id}`, { json: changes, ...OBJECT });
  }

  /** Squash takes id lists comma-separated in a path (`/users/169,189`): what `apiPath` makes of a
   *  list, each id encoded apart (route `users/{ids}`). */
  deleteUsers(ids: readonly string[]): Promise<void> {
    return this.http.send("DELETE", apiPath`users/${ids}`, { ...JSON_TYPE, ...OBJECT });
  }

  /** Answers with what this call granted: `{content: {<group>: [projects]}}`. */
  addPermissions(userId: string, group: string, projectIds: readonly string[]): Promise<RawUserPermissions> {
    return this.http.send("POST", apiPath`users/${userId}/permissions/${group}`, {
      searchParams: { ids: projectIds.join(",") },
      ...OBJECT,
    });
  }

  removePermissions(userId: string, projectIds: readonly string[]): Promise<void> {
    return this.http.send("DELETE", apiPath`users/${userId}/permissions`, {
      searchParams: { ids: projectIds.join(",") },
      ...OBJECT,
    });
  }

  subscribeToTeams(login: string, teamNames: readonly string[]): Promise<void> {
    return this.http.send("POST", apiPath`users/login/${login}/teams`, {
      ...JSON_TYPE,
      searchParams: { teamNames: teamNames.join(",") },
      ...OBJECT,
    });
  }

  unsubscribeFromTeams(login: string, teamNames: readonly string[]): Promise<void> {
    return this.http.send("DELETE", apiPath`users/login/${login}/teams`, {
      ...JSON_TYPE,
      searchParams: { teamNames: teamNames.join(",") },
      ...OBJECT,
    });
  }
}
