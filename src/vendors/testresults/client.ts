import { apiPath } from "../http/api-path.js";
import type { HttpClient } from "../http/http-client.js";
import { badResponse } from "../http/http-errors.js";
import type {
  RawCustomer,
  RawGroupUpdate,
  RawLoginRequest,
  RawLoginResponse,
  RawNewGroup,
  RawNewUser,
  RawUser,
  RawUserGroup,
  RawUserUpdate,
} from "./raw-types.js";

/** A path naming a user or group by id: its 404 means the object is unknown. */
const OBJECT = { notFound: "object" } as const;

/** One method per TestResults.io endpoint Rollcall calls. Paths are relative to `/api/`. Writes go
 *  through `send`, which never retries: whether a failed write happened is for the caller to read. */
export class TestResultsClient {
  constructor(
    private readonly http: HttpClient,
    private readonly context: { sourceId: string; vendor: string },
  ) {}

  /** Exchanges an account for a JWT. Sent without the source's credentials (it is how they are made). */
  async login(email: string, password: string): Promise<string> {
    const body: RawLoginRequest = { Email: email, Password: password };
    const answer: RawLoginResponse | undefined = await this.http.send("POST", "token/login", {
      json: body,
      anonymous: true,
    });
    if (typeof answer?.token !== "string" || answer.token.length === 0)
      throw badResponse(this.context, "sent no token");
    return answer.token;
  }

  /** The signed-in account (REFERENCE §4.2). */
  currentUser(): Promise<RawUser> {
    return this.http.get("users/current");
  }

  /** The customer (tenant) of the token, with every `UserGroups[]` entry. */
  currentCustomer(): Promise<RawCustomer> {
    return this.http.get("management/customers/current");
  }

  /** A group's users, as a bare array; no paging is documented (REFERENCE §4.3). */
  groupUsers(groupId: string): Promise<RawUser[]> {
    return this.http.get(apiPath`management/customers/current/groups/${groupId}/users`, OBJECT);
  }

  /** Answers the new user with its `UserGroup` filled in (doc page "Create new User"). */
  createUser(body: RawNewUser): Promise<RawUser> {
    return this.http.send("POST", "users", { json: body });
  }

  /** Answers the user as it now stands (doc page "Update User"). */
  updateUser(userId: string, body: RawUserUpdate): Promise<RawUser> {
    return this.http.send("PUT", apiPath`users/${userId}`, { json: body, ...OBJECT });
  }

  deleteUser(userId: string): Promise<void> {
    return this.http.send("DELETE", apiPath`users/${userId}`, OBJECT);
  }

  createGroup(body: RawNewGroup): Promise<RawUserGroup> {
    return this.http.send("POST", "management/customers/current/groups", { json: body });
  }

  updateGroup(groupId: string, body: RawGroupUpdate): Promise<RawUserGroup> {
    return this.http.send("PUT", apiPath`management/customers/current/groups/${groupId}`, {
      json: body,
      ...OBJECT,
    });
  }

  deleteGroup(groupId: string): Promise<void> {
    return this.http.send("DELETE", apiPath`management/customers/current/groups/${groupId}`, OBJECT);
  }
}
