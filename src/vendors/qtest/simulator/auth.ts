import { randomUUID } from "node:crypto";
import type { SimRequest, SimResponse, SimRouter } from "../../../simulator/router.js";
import { SimHttpError } from "../../../simulator/sim-server.js";
import { ADMIN_USER } from "./seed.js";
import type { QTestState, StoredUser } from "./state.js";

/** The API token of "Download qTest Resources" the demo uses: it never expires (common_apis). */
export const QTEST_DEMO_TOKEN = "qtest-demo-api-token";

/** `expires_in` of the token response example on the common_apis page. */
export const TOKEN_TTL_SECONDS = 3599;
const SCOPE = "read write create delete administration execute import export share baseline";

interface IssuedToken {
  readonly userId: number;
  expiresAt: number;
}

/**
 * Tokens issued by `POST /oauth/token`, with switches for tests: `expireAll()` makes every issued
 * token expire now (the API token is unaffected), `ttlSeconds` sets the life of the next ones.
 */
export class TokenStore {
  ttlSeconds = TOKEN_TTL_SECONDS;
  /** Logins answered with a token. */
  issued = 0;
  /** The client (site) name of the last login's Basic header. */
  lastClientName: string | null = null;
  private readonly tokens = new Map<string, IssuedToken>();

  issue(userId: number): { token: string; expiresIn: number } {
    const token = randomUUID();
    this.tokens.set(token, { userId, expiresAt: Date.now() + this.ttlSeconds * 1000 });
    this.issued += 1;
    return { token, expiresIn: this.ttlSeconds };
  }

  expireAll(): void {
    for (const token of this.tokens.values()) token.expiresAt = 0;
  }

  /** The user a live token belongs to; null when unknown or expired. */
  userOf(token: string): number | null {
    if (token === QTEST_DEMO_TOKEN) return ADMIN_USER.id;
    const found = this.tokens.get(token);
    return found && found.expiresAt > Date.now() ? found.userId : null;
  }
}

function bearer(request: SimRequest): string | null {
  const match = /^bearer\s+(\S+)$/i.exec(String(request.headers.authorization ?? ""));
  return match?.[1] ?? null;
}

/** 401 for a missing, unknown or expired token (the swagger's "Missing or invalid Authorization"). */
export function qtestAuthenticator(
  tokens: TokenStore,
  errorBody: (status: number, message: string) => SimResponse,
) {
  return (request: SimRequest): SimResponse | null => {
    const token = bearer(request);
    if (token !== null && tokens.userOf(token) !== null) return null;
    return errorBody(
      401,
      token === null ? "Missing or invalid Authorization header value" : "Invalid access token",
    );
  };
}

/** The caller of an authenticated request. */
export function callerOf(request: SimRequest, tokens: TokenStore, state: QTestState): StoredUser {
  const id = tokens.userOf(bearer(request) ?? "");
  const user = id === null ? undefined : state.users.get(id);
  if (!user) throw new SimHttpError(401, "Invalid access token");
  return user;
}

/** The client name of `Basic base64("<name>:")`: the password part must be empty (common_apis). */
function clientName(request: SimRequest): string | null {
  const header = String(request.headers.authorization ?? "");
  if (!/^basic\s/i.test(header)) return null;
  const decoded = Buffer.from(header.slice(6).trim(), "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon <= 0 || colon !== decoded.length - 1) return null;
  return decoded.slice(0, colon);
}

const FORM = /^application\/x-www-form-urlencoded\s*(;|$)/i;

/**
 * `POST /oauth/token` with `grant_type=password` (REFERENCE §1.1): a form body,
 * `Content-Type: application/x-www-form-urlencoded` (common_apis). [I] Spring's token endpoint reads
 * its parameters from the form only, so any other body has no grant type: 400 in Spring OAuth's
 * `{error, error_description}` shape.
 */
export function loginRoutes(router: SimRouter, state: QTestState, tokens: TokenStore): SimRouter {
  return router.post(
    "/oauth/token",
    (request) => {
      if (!FORM.test(String(request.headers["content-type"] ?? "").trim()))
        return { status: 400, body: { error: "invalid_request", error_description: "Missing grant type" } };
      const name = clientName(request);
      if (name === null) throw new SimHttpError(401, "Missing or invalid Authorization header value");
      const form = (request.body ?? {}) as Record<string, string | undefined>;
      if (form.grant_type !== "password") throw new SimHttpError(400, "Invalid refresh token or grant type");
      const user = [...state.users.values()].find((u) => u.username === form.username);
      const password = user === undefined ? undefined : state.passwords.get(user.id);
      if (user === undefined || user.status !== 1 || password !== form.password)
        throw new SimHttpError(401, "Bad credentials");
      tokens.lastClientName = name;
      const { token, expiresIn } = tokens.issue(user.id);
      return {
        status: 200,
        body: { access_token: token, token_type: "bearer", expires_in: expiresIn, scope: SCOPE },
      };
    },
    { public: true },
  );
}
