import { type ApiPath, apiPath } from "../http/api-path.js";
import type { HttpClient } from "../http/http-client.js";
import type {
  QacList,
  RawDept,
  RawProject,
  RawSecurityGroup,
  RawUser,
  RawUserSecurityGroup,
  RequestUserPatch,
  RequestUserPost,
  RequestUserPut,
  RequestUserSecurityGroups,
} from "./raw-types.js";

export interface Range {
  readonly offset: number;
  readonly limit: number;
}

/**
 * A path naming a user or project by id: its 404 means the object is unknown. The department in
 * every path is configuration (`departmentId`), so a 404 naming only it is the source's problem.
 */
const OBJECT = { notFound: "object" } as const;

/** One method per QAComplete endpoint Rollcall calls. Paths are relative to `/rest-api/service/api/v1/`. */
export class QacClient {
  constructor(
    private readonly http: HttpClient,
    private readonly deptId: string,
  ) {}

  private user(userId: string): ApiPath {
    return apiPath`depts/${this.deptId}/users/${userId}`;
  }

  getDept(): Promise<RawDept> {
    return this.http.get(apiPath`depts/${this.deptId}`);
  }

  /** Admin only. `filter` is a `Filter=` expression (see pushdown.ts). */
  listUsers(range: Range, filter?: string): Promise<QacList<RawUser>> {
    return this.http.get(apiPath`depts/${this.deptId}/users`, {
      searchParams: { offset: range.offset, limit: range.limit, Filter: filter },
    });
  }

  /** The user's security group in each project (doc page title misspells it "secuirtygroups"). */
  listUserSecurityGroups(userId: string, range: Range): Promise<QacList<RawUserSecurityGroup>> {
    return this.http.get(apiPath`${this.user(userId)}/securitygroups`, {
      searchParams: { offset: range.offset, limit: range.limit },
      ...OBJECT,
    });
  }

  /** The department's security group names: the roles a project assignment can name. */
  listSecurityGroups(range: Range): Promise<QacList<RawSecurityGroup>> {
    return this.http.get(apiPath`depts/${this.deptId}/securitygroups`, {
      searchParams: { offset: range.offset, limit: range.limit },
    });
  }

  /** Projects visible to the authenticating user; no Filter support on this route. */
  listProjects(range: Range): Promise<QacList<RawProject>> {
    return this.http.get("projects", { searchParams: { offset: range.offset, limit: range.limit } });
  }

  listProjectUsers(projectId: string, range: Range): Promise<QacList<RawUser>> {
    return this.http.get(apiPath`projects/${projectId}/users`, {
      searchParams: { offset: range.offset, limit: range.limit },
      ...OBJECT,
    });
  }

  /** Answers the created user (seed page). */
  createUser(body: RequestUserPost): Promise<RawUser> {
    return this.http.send("POST", apiPath`depts/${this.deptId}/users`, { json: body });
  }

  /** Changes the properties sent; only through the user's primary department. [I] Answers the
   *  user (typed loosely: the docs show no response). */
  patchUser(userId: string, body: RequestUserPatch): Promise<RawUser | undefined> {
    return this.http.send("PATCH", this.user(userId), { json: body, ...OBJECT });
  }

  /** Not used by Rollcall: PUT resets every property it is not sent (REFERENCE §3.2), so an
   *  update of one name would wipe the phone, the middle name and the admin flag. */
  replaceUser(userId: string, body: RequestUserPut): Promise<RawUser | undefined> {
    return this.http.send("PUT", this.user(userId), { json: body, ...OBJECT });
  }

  /** DISABLES the profile (no physical delete); 200 with an empty body (REFERENCE §3.2). */
  disableUser(userId: string): Promise<void> {
    return this.http.send("DELETE", this.user(userId), OBJECT);
  }

  /** Sets the group of each project named, leaving the others. Answers the user's groups [I]. */
  patchUserSecurityGroups(
    userId: string,
    body: RequestUserSecurityGroups,
  ): Promise<QacList<RawUserSecurityGroup> | undefined> {
    return this.http.send("PATCH", apiPath`${this.user(userId)}/securitygroups`, { json: body, ...OBJECT });
  }

  /** Replaces the user's whole list in this department. Answers the user's groups [I]. */
  putUserSecurityGroups(
    userId: string,
    body: RequestUserSecurityGroups,
  ): Promise<QacList<RawUserSecurityGroup> | undefined> {
    return this.http.send("PUT", apiPath`${this.user(userId)}/securitygroups`, { json: body, ...OBJECT });
  }
}
