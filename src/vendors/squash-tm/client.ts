import type { HttpClient } from "../http/http-client.js";
import type {
  HalPage,
  RawProject,
  RawProjectPermissions,
  RawTeam,
  RawUser,
  RawUserPermissions,
} from "./raw-types.js";

/** The user columns asked of list endpoints through `fields`, so a page arrives complete
 *  (without it, list items carry only id, login, active and group). */
export const USER_FIELDS =
  "id,login,first_name,last_name,email,active,group,can_delete_from_front,last_connected_on,created_by,created_on,last_modified_by,last_modified_on";

const seg = encodeURIComponent;

/** One method per Squash TM endpoint Rollcall reads. Paths are relative to `/api/rest/latest/`. */
export class SquashClient {
  constructor(private readonly http: HttpClient) {}

  /** `sort=id` keeps pages stable: without it Squash pages can skip rows (REFERENCE §2.3). */
  listUsers(page: number, size: number): Promise<HalPage<"users", RawUser>> {
    return this.http.get("users", { searchParams: { page, size, sort: "id", fields: USER_FIELDS } });
  }

  getUser(id: string): Promise<RawUser> {
    return this.http.get(`users/${seg(id)}`);
  }

  getUserByLogin(login: string): Promise<RawUser> {
    return this.http.get(`users/login/${seg(login)}`);
  }

  getUserTeams(login: string, size: number): Promise<HalPage<"teams", RawTeam>> {
    return this.http.get(`users/login/${seg(login)}/teams`, { searchParams: { page: 0, size } });
  }

  getUserPermissions(id: string): Promise<RawUserPermissions> {
    return this.http.get(`users/${seg(id)}/permissions`);
  }

  listTeams(page: number, size: number): Promise<HalPage<"teams", RawTeam>> {
    return this.http.get("teams", { searchParams: { page, size, sort: "id" } });
  }

  getTeam(id: string): Promise<RawTeam> {
    return this.http.get(`teams/${seg(id)}`);
  }

  getTeamMembers(id: string, size: number): Promise<HalPage<"members", RawUser>> {
    return this.http.get(`teams/${seg(id)}/members`, {
      searchParams: { page: 0, size, sort: "id", fields: USER_FIELDS },
    });
  }

  listProjects(page: number, size: number): Promise<HalPage<"projects", RawProject>> {
    return this.http.get("projects", { searchParams: { page, size, sort: "id" } });
  }

  getProject(id: string): Promise<RawProject> {
    return this.http.get(`projects/${seg(id)}`);
  }

  getProjectPermissions(id: string): Promise<RawProjectPermissions> {
    return this.http.get(`projects/${seg(id)}/permissions`);
  }
}
