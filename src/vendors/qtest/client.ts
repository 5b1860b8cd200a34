import { apiPath } from "../http/api-path.js";
import type { HttpClient, HttpResponse } from "../http/http-client.js";
import type {
  RawAdminProfile,
  RawAssignedProject,
  RawAssignedUsersProject,
  RawGroup,
  RawLoggedUser,
  RawMessage,
  RawNewUser,
  RawOAuthToken,
  RawProfileList,
  RawProject,
  RawProjectUser,
  RawProjectWithUserIds,
  RawUser,
  RawUserPage,
  RawUserUpdate,
} from "./raw-types.js";

/** A path naming a user or project by id: its 404 means the object is unknown. */
const OBJECT = { notFound: "object" } as const;

export interface UserSearch {
  /** 1-based. */
  readonly page: number;
  readonly pageSize: number;
  /** Login name; case-sensitive (seed page, find_by_user_name_or_email). */
  readonly username?: string;
  readonly includeInactiveUsers: boolean;
}

/** One method per qTest Manager endpoint Rollcall uses. Paths are relative to the site root.
 *  Writes go through `send`, which never retries. */
export class QTestClient {
  constructor(private readonly http: HttpClient) {}

  /** `POST /oauth/token` (REFERENCE §1.1): the site name, a colon and an empty password in Basic. */
  login(site: string, username: string, password: string): Promise<RawOAuthToken> {
    return this.http.send("POST", "oauth/token", {
      anonymous: true,
      headers: { authorization: `Basic ${Buffer.from(`${site}:`, "utf8").toString("base64")}` },
      form: { grant_type: "password", username, password },
    });
  }

  /** The caller (`LoggedUser`): the cheapest authenticated call. */
  currentUser(): Promise<RawLoggedUser> {
    return this.http.get("api/v3/re-evaluation");
  }

  /** The caller's admin profile: what it may do instance-wide ("Manage Client Users"…). */
  currentAdminProfile(): Promise<RawAdminProfile> {
    return this.http.get("api/v3/admin-profiles/current");
  }

  searchUsers(search: UserSearch): Promise<RawUserPage> {
    return this.http.get("api/v3/users/search", {
      searchParams: {
        username: search.username,
        includeInactiveUsers: search.includeInactiveUsers,
        page: search.page,
        pageSize: search.pageSize,
      },
    });
  }

  /** Users whose login contains `username` (case-sensitive), inactive ones too, in one answer. */
  findUsersByLogin(username: string): Promise<RawUserPage> {
    return this.http.get("api/v3/users/search", {
      searchParams: { username, includeInactiveUsers: true, pagination: false },
    });
  }

  /** Every user in one answer (`pagination=false`, seed page). */
  allUsers(): Promise<RawUserPage> {
    return this.http.get("api/v3/users/search", {
      searchParams: { includeInactiveUsers: true, pagination: false },
    });
  }

  getUser(id: string): Promise<RawUser> {
    return this.http.get(apiPath`api/v3/users/${id}`, OBJECT);
  }

  getAvatar(id: string): Promise<HttpResponse<Buffer>> {
    return this.http.getBinary(apiPath`api/v3/users/${id}/avatar`, {
      headers: { accept: "image/*" },
      ...OBJECT,
    });
  }

  /** All projects (`assigned=false`, for admins); a plain array, unpaged. */
  listProjects(): Promise<RawProject[]> {
    return this.http.get("api/v3/projects", { searchParams: { assigned: false } });
  }

  /**
   * Members of a project, inactive ones included; a plain array. Not marked as naming an object: a
   * 404 here is also what an instance without the route (before 8.4.2) answers, so the caller
   * decides with the project list (permissions.ts).
   */
  getProjectUsers(id: string): Promise<RawProjectUser[]> {
    return this.http.get(apiPath`api/v3/projects/${id}/users`, { searchParams: { inactive: true } });
  }

  /** User and admin profiles (no `type`: both). */
  listProfiles(): Promise<RawProfileList> {
    return this.http.get("api/v3/user-profiles");
  }

  /** User groups with their members; a plain array. */
  listGroups(): Promise<RawGroup[]> {
    return this.http.get("api/v3/groups");
  }

  /** `POST /users` (create_user): invites and activates an account. */
  createUser(user: RawNewUser): Promise<RawUser> {
    return this.http.send("POST", "api/v3/users", {
      json: user,
      secrets: user.password ? [user.password] : [],
    });
  }

  /** `PUT /users/{id}` (update_user). */
  updateUser(id: string, changes: RawUserUpdate): Promise<RawUser> {
    return this.http.send("PUT", apiPath`api/v3/users/${id}`, { json: changes, ...OBJECT });
  }

  /** `POST /users/{id}/projects` (assign_to_project): one user. */
  assignToProject(userId: string, assignment: RawAssignedProject): Promise<RawAssignedProject> {
    return this.http.send("POST", apiPath`api/v3/users/${userId}/projects`, { json: assignment, ...OBJECT });
  }

  /** `POST /users/projects` (assign_users_to_project): several users, one project, one profile. */
  assignUsersToProject(assignment: RawAssignedUsersProject): Promise<RawAssignedUsersProject> {
    return this.http.send("POST", "api/v3/users/projects", { json: assignment });
  }

  /** `PUT /users/projects`: takes users off projects, several projects in one call. */
  unassignUsers(pairs: RawProjectWithUserIds[]): Promise<RawMessage> {
    return this.http.send("PUT", "api/v3/users/projects", { json: pairs });
  }
}
