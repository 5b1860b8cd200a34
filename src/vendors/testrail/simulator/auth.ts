import type { SimRequest, SimResponse } from "../../../simulator/router.js";
import type { StoredUser, TestRailState } from "./state.js";
import type { TestRailViews } from "./views.js";

export const AUTH_FAILED = "Authentication failed: invalid or missing user/password or session cookie.";

/** The active account whose email and password or API key the Basic header carries (REFERENCE §5.1). */
export function callerOf(state: TestRailState, views: TestRailViews, request: SimRequest): StoredUser | null {
  const header = String(request.headers.authorization ?? "");
  if (!header.startsWith("Basic ")) return null;
  const decoded = Buffer.from(header.slice(6), "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return null;
  const user = views.userByEmail(decoded.slice(0, colon));
  const secret = decoded.slice(colon + 1);
  const credentials = user && state.credentials.get(user.id);
  if (!user?.is_active || !credentials) return null;
  return credentials.password === secret || credentials.apiKeys.includes(secret) ? user : null;
}

export function testRailAuthenticator(
  state: TestRailState,
  views: TestRailViews,
  errorBody: (status: number, message: string) => SimResponse,
) {
  return (request: SimRequest): SimResponse | null =>
    callerOf(state, views, request) ? null : errorBody(401, AUTH_FAILED);
}
