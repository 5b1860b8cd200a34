import { isMissingRoute, NotFoundError, SourceError } from "../../model/errors.js";
import type { RequestScope } from "../connector.js";
import { type ApiPath, apiPath, type PathParams } from "../http/api-path.js";
import type { HttpClient, RequestOptions } from "../http/http-client.js";
import type { RawGroup, RawList, RawProject, RawRole, RawUser } from "./raw-types.js";
import type {
  RawGroupChanges,
  RawNewGroup,
  RawNewUser,
  RawProjectAccess,
  RawUserChanges,
} from "./raw-write-types.js";

/**
 * Sent on every request, GET or POST, with a body or without: TestRail refuses a request without it
 * with 400 "Content-Type header missing (use Content-Type: application/json)" [C2]
 * (github.com/mvndaai/testrail-promise/issues/20: a GET; robotframework-testrail#6: a POST). The API
 * docs send it on every call ("Accessing the TestRail API", REFERENCE §5.1), and so do Gurock's own
 * clients (gurock/trcli api_client.py, gurock/testrail-api python/3.x/testrail.py).
 */
const JSON_CONTENT = { "content-type": "application/json" } as const;

/** TestRail's hard page cap for every bulk GET (REFERENCE §5.3). */
export const MAX_PAGE = 250;

export interface PageRequest {
  readonly offset: number;
  readonly limit: number;
}

/** A request's memo: each distinct call at most once per GraphQL operation. */
export type Memo = Pick<RequestScope, "once">;

/**
 * `get_users&limit=250&offset=0`, route `get_users`. The method already sits in the query string
 * (`index.php?/api/v2/<method>`), so parameters are written into the path after `&`
 * (`withInlineParams`): got's `searchParams` would replace the whole query (REFERENCE §5.1).
 */
export function methodPath(method: ApiPath, params: PathParams = {}): ApiPath {
  return method.withInlineParams(params);
}

const pageParams = (page?: PageRequest): PathParams =>
  page ? { limit: Math.min(page.limit, MAX_PAGE), offset: page.offset } : {};

/** One method per TestRail endpoint Rollcall calls; ids are TestRail's integer ids as strings. */
export class TestRailClient {
  private served: Promise<boolean> | null = null;

  constructor(
    private readonly http: HttpClient,
    private readonly source: { readonly sourceId: string; readonly vendor: string },
  ) {}

  getUser(id: string, memo?: Memo): Promise<RawUser> {
    return this.byId("User", "user_id", id, (n) => this.get(apiPath`get_user/${n}`, memo));
  }

  /** The caller's own account. The users doc page writes `get_current_user/:user_id`, yet the
   *  method needs no id (it answers for whoever authenticates) [I]. */
  getCurrentUser(): Promise<RawUser> {
    return this.get(apiPath`get_current_user`);
  }

  /**
   * The account with this address, or null. "400/404 | Invalid or unknown email address" (users
   * doc page), and only that is "no such user":
   * - a 400 is a miss when TestRail's message is about the address (`Field :email is not a valid
   *   email address.`, which gurock/trcli reads as "user not found" [C2]); any other 400 (a missing
   *   header, say) is the refusal it is;
   * - a 404 is a miss only on a source that has shown it serves the API (a `get_current_user` that
   *   answered, asked once): a baseUrl that points elsewhere 404s every route, and its 404 stays
   *   SOURCE_MISCONFIGURED naming the route.
   */
  async findUserByEmail(email: string, memo?: Memo): Promise<RawUser | null> {
    try {
      return await this.get<RawUser>(methodPath(apiPath`get_user_by_email`, { email }), memo);
    } catch (error) {
      if (!(error instanceof SourceError)) throw error;
      if (error.httpStatus === 400 && /\bemail\b/i.test(error.vendorMessage ?? "")) return null;
      if (isMissingRoute(error) && (await this.servesApi())) return null;
      throw error;
    }
  }

  /** All users (admin only). The users doc page shows a bare array; 6.7+ servers page it. */
  getUsers(page?: PageRequest, memo?: Memo): Promise<RawList<"users", RawUser>> {
    return this.get(methodPath(apiPath`get_users`, pageParams(page)), memo);
  }

  /** Active users with access to the project, with `role`/`role_id` at project level (users doc page). */
  getProjectUsers(projectId: string, page?: PageRequest, memo?: Memo): Promise<RawList<"users", RawUser>> {
    return this.byId("Project", "project_id", projectId, (n) =>
      this.get(methodPath(apiPath`get_users/${n}`, pageParams(page)), memo),
    );
  }

  getProjects(page?: PageRequest, memo?: Memo): Promise<RawList<"projects", RawProject>> {
    return this.get(methodPath(apiPath`get_projects`, pageParams(page)), memo);
  }

  getProject(id: string, memo?: Memo): Promise<RawProject> {
    return this.byId("Project", "project_id", id, (n) => this.get(apiPath`get_project/${n}`, memo));
  }

  getRoles(page?: PageRequest, memo?: Memo): Promise<RawList<"roles", RawRole>> {
    return this.get(methodPath(apiPath`get_roles`, pageParams(page)), memo);
  }

  getGroups(page?: PageRequest, memo?: Memo): Promise<RawList<"groups", RawGroup>> {
    return this.get(methodPath(apiPath`get_groups`, pageParams(page)), memo);
  }

  getGroup(id: string, memo?: Memo): Promise<RawGroup> {
    return this.byId("Group", "group_id", id, (n) => this.get(apiPath`get_group/${n}`, memo));
  }

  /** POST add_user (7.3+, admin). Answers the new user. */
  addUser(body: RawNewUser): Promise<RawUser> {
    return this.post(apiPath`add_user`, body);
  }

  /** POST update_user/{id}: partial. Answers the user as updated. */
  updateUser(id: string, body: RawUserChanges): Promise<RawUser> {
    return this.byId("User", "user_id", id, (n) => this.post(apiPath`update_user/${n}`, body));
  }

  /** POST add_group (7.5+). Answers the new group. */
  addGroup(body: RawNewGroup): Promise<RawGroup> {
    return this.post(apiPath`add_group`, body);
  }

  /** POST update_group/{id}; `user_ids` replaces the member list (REFERENCE §5.2). */
  updateGroup(id: string, body: RawGroupChanges): Promise<RawGroup> {
    return this.byId("Group", "group_id", id, (n) => this.post(apiPath`update_group/${n}`, body));
  }

  /** POST delete_group/{id}: no body (REFERENCE §5.2), yet still `Content-Type: application/json`
   *  (without it TestRail refuses the POST, see JSON_CONTENT). */
  deleteGroup(id: string): Promise<void> {
    return this.byId("Group", "group_id", id, (n) => this.post(apiPath`delete_group/${n}`));
  }

  /** POST update_project/{id} with the per-user role overrides. Answers the project as updated. */
  updateProject(id: string, body: RawProjectAccess): Promise<RawProject> {
    return this.byId("Project", "project_id", id, (n) => this.post(apiPath`update_project/${n}`, body));
  }

  notFound(what: string, id: string): NotFoundError {
    return new NotFoundError(this.source.sourceId, this.source.vendor, what, id);
  }

  private get<T>(path: ApiPath, memo?: Memo, options?: RequestOptions): Promise<T> {
    const read = () => this.http.get<T>(path, { ...options, headers: JSON_CONTENT });
    return memo ? memo.once(`testrail:${path.path}`, read) : read();
  }

  /** Sent once: the shared HTTP client never retries a POST (writers settle doubt by reading). */
  private post<T>(path: ApiPath, body?: unknown): Promise<T> {
    return this.http.send<T>("POST", path, {
      headers: JSON_CONTENT,
      ...(body !== undefined && { json: body }),
    });
  }

  /** Whether this source serves TestRail's API at its baseUrl: `get_current_user` (any account
   *  may call it) answered. Remembered once true; a failure is asked again next time. */
  private servesApi(): Promise<boolean> {
    this.served ??= this.getCurrentUser().then(
      () => true,
      () => {
        this.served = null;
        return false;
      },
    );
    return this.served;
  }

  /**
   * A call about one object. TestRail answers an unknown id with 400, not 404 ("400 | Invalid or
   * unknown user", users doc page; REFERENCE §5.3), as `Field :user_id is not a valid user.`. A
   * 400 is a miss only when it names the id field or says "unknown": any other 400 (a bad body
   * field on a write, a missing header) is the refusal it is. An id that is not an integer is a
   * miss too, and never reaches the URL (it could smuggle in `&` params).
   */
  private async byId<T>(
    what: string,
    idField: string,
    id: string,
    call: (n: number) => Promise<T>,
  ): Promise<T> {
    if (!/^[1-9]\d{0,15}$/.test(id)) throw this.notFound(what, id);
    try {
      return await call(Number(id));
    } catch (error) {
      const message = error instanceof SourceError ? (error.vendorMessage ?? "") : "";
      const aboutId = new RegExp(`:${idField}\\b|unknown`, "i").test(message);
      if (error instanceof SourceError && error.httpStatus === 400 && aboutId) throw this.notFound(what, id);
      throw error;
    }
  }
}
