import type { SimRequest, SimResponse, SimRouter } from "../../../simulator/router.js";
import { SimHttpError } from "../../../simulator/sim-server.js";
import { signJwt, verifyJwt } from "./jwt.js";
import {
  ADMINISTRATOR_PERMISSIONS,
  CUSTOMER_ID,
  DEMO_ADMIN,
  SIM_SECRET,
  type StoredUser,
  type TestResultsState,
} from "./state.js";

/** Claim names of a decoded TestResults.io token (REFERENCE §4.1). */
export const CLAIMS = {
  email: "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress",
  userId: "trio:UID",
  customerId: "trio:CID",
  usage: "trio:Usage",
  management: "trio:Management",
  administration: "trio:Administration",
} as const;
const ISSUER = "TestResultsIO";
const AUDIENCE = "API-G-V1";

/** [I] `trio:Usage` looks numeric ("1223"); here it is a bit per usage permission, in doc order. */
const USAGE_BITS = ADMINISTRATOR_PERMISSIONS.split(", ");

/** [I] ASP.NET Web API's own words for a missing or invalid token. */
export const DENIED = "Authorization has been denied for this request.";

const grants = (usagePermission: string) => new Set(usagePermission.split(",").map((g) => g.trim()));

function claimsFor(user: { id: string; email: string }, usagePermission: string, exp: number) {
  const held = grants(usagePermission);
  const usage = USAGE_BITS.reduce((bits, name, i) => (held.has(name) ? bits | (1 << i) : bits), 0);
  return {
    [CLAIMS.email]: user.email,
    [CLAIMS.userId]: user.id,
    [CLAIMS.customerId]: CUSTOMER_ID,
    [CLAIMS.usage]: String(usage),
    // [I] Read as "may manage users" and "may manage the customer".
    [CLAIMS.management]: String(held.has("UserManagement")),
    [CLAIMS.administration]: String(held.has("CustomerManagement")),
    exp,
    iss: ISSUER,
    aud: AUDIENCE,
  };
}

/** A token for the demo administrator that never expires (until 2100): for `{ token }` configs. */
export const TESTRESULTS_DEMO_TOKEN = signJwt(
  claimsFor(DEMO_ADMIN, ADMINISTRATOR_PERMISSIONS, Date.UTC(2100, 0, 1) / 1000),
  SIM_SECRET,
);

export function simNow(state: TestResultsState): number {
  return Math.floor(Date.now() / 1000) + state.auth.clockOffsetSeconds;
}

export function usagePermissionOf(state: TestResultsState, user: StoredUser): string {
  return state.groups.get(user.groupId.toLowerCase())?.UsagePermission ?? "";
}

function canSignIn(state: TestResultsState, user: StoredUser): boolean {
  return !user.Archived && grants(usagePermissionOf(state, user)).has("Login");
}

export function issueToken(state: TestResultsState, user: StoredUser): string {
  const exp = simNow(state) + state.auth.tokenLifetimeSeconds;
  return signJwt(
    claimsFor({ id: user.Id, email: user.Email }, usagePermissionOf(state, user), exp),
    state.auth.secret,
  );
}

/** The account behind the request's `Authentication` header (the raw JWT), if it is valid now. */
export function callerOf(state: TestResultsState, request: SimRequest): StoredUser | null {
  const token = request.headers.authentication;
  if (typeof token !== "string") return null;
  const claims = verifyJwt(token, state.auth.secret);
  if (!claims || claims.iss !== ISSUER || claims.aud !== AUDIENCE) return null;
  if (typeof claims.exp !== "number" || claims.exp <= simNow(state)) return null;
  if (claims[CLAIMS.customerId] !== state.customer.Id) return null;
  const user = state.users.get(String(claims[CLAIMS.userId]).toLowerCase());
  return user && canSignIn(state, user) ? user : null;
}

export function testResultsAuthenticator(
  state: TestResultsState,
  errorBody: (status: number, message: string) => SimResponse,
) {
  return (request: SimRequest): SimResponse | null =>
    callerOf(state, request) ? null : errorBody(401, DENIED);
}

/** [I] The management routes need UserManagement or CustomerManagement in the caller's group. */
export function requireManager(state: TestResultsState, request: SimRequest): StoredUser {
  const caller = callerOf(state, request);
  if (!caller) throw new SimHttpError(401, DENIED);
  const held = grants(usagePermissionOf(state, caller));
  if (!held.has("UserManagement") && !held.has("CustomerManagement"))
    throw new SimHttpError(403, "User has no permission for user management.");
  return caller;
}

/** A member of the login body by its documented name (exact case; see body.ts). */
function field(body: unknown, name: string): string | undefined {
  if (!body || typeof body !== "object" || !Object.hasOwn(body, name)) return undefined;
  const value = (body as Record<string, unknown>)[name];
  return typeof value === "string" ? value : undefined;
}

const LOGIN_MEMBERS = ["Email", "Password"];

/** `POST /api/token/login` `{"Email","Password"}` → `{"token": "<JWT>"}` (REFERENCE §4.1). */
export function tokenRoutes(state: TestResultsState, router: SimRouter): SimRouter {
  return router.post(
    "/token/login",
    (request) => {
      const email = field(request.body, "Email");
      const password = field(request.body, "Password");
      const strangers = request.body && typeof request.body === "object" ? Object.keys(request.body) : [];
      if (!email || !password || strangers.some((k) => !LOGIN_MEMBERS.includes(k)))
        throw new SimHttpError(400, "The request is invalid.");
      const id = state.emails.get(email.toLowerCase());
      const user = id ? state.users.get(id) : undefined;
      if (!id || !user || state.passwords.get(id) !== password || !canSignIn(state, user))
        throw new SimHttpError(401, "Invalid email or password.");
      return { status: 200, body: { token: issueToken(state, user) } };
    },
    { public: true },
  );
}
