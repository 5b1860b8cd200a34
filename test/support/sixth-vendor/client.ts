import { apiPath } from "../../../src/vendors/http/api-path.js";
import type { HttpClient } from "../../../src/vendors/http/http-client.js";
import type { RawUser, RawUserPage } from "./raw-types.js";

/** The API's page cap. */
export const MAX_PAGE = 100;

/** One method per endpoint. */
export class SixthClient {
  constructor(private readonly http: HttpClient) {}

  listUsers(offset: number, limit: number): Promise<RawUserPage> {
    return this.http.get("users", { searchParams: { offset, limit: Math.min(limit, MAX_PAGE) } });
  }

  getUser(id: string): Promise<RawUser> {
    return this.http.get(apiPath`users/${id}`, { notFound: "object" });
  }

  me(): Promise<RawUser> {
    return this.http.get("me");
  }
}
