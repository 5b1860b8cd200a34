import type { SimRequest, SimResponse } from "../../../simulator/router.js";
import { SimHttpError } from "../../../simulator/sim-server.js";
import { type QacState, type StoredUser, userByEmail } from "./state.js";

/** Basic `login:password`, the login being the email (REFERENCE §3.1). */
function credentialsOf(request: SimRequest): { login: string; password: string } | null {
  const header = String(request.headers.authorization ?? "");
  if (!header.startsWith("Basic ")) return null;
  const decoded = Buffer.from(header.slice(6), "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return null;
  return { login: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

function accountOf(state: QacState, request: SimRequest): StoredUser | null {
  const credentials = credentialsOf(request);
  if (!credentials) return null;
  const user = userByEmail(state, credentials.login);
  if (!user?.is_active || state.passwords.get(user.id) !== credentials.password) return null;
  return user;
}

const DENIED = "Authorization has been denied for this request.";

export function qacAuthenticator(
  state: QacState,
  errorBody: (status: number, message: string) => SimResponse,
) {
  return (request: SimRequest): SimResponse | null => {
    if (accountOf(state, request)) return null;
    const denied = errorBody(401, DENIED);
    return { ...denied, headers: { "www-authenticate": 'Basic realm="QAComplete"' } };
  };
}

/** The authenticated account (routes run after the authenticator let the request through). */
export function requester(state: QacState, request: SimRequest): StoredUser {
  const user = accountOf(state, request);
  if (!user) throw new SimHttpError(401, DENIED);
  return user;
}

/** The caller's rights as list metadata reports them: 7 Full for a security admin, else 1 Read. */
export const aclOf = (user: StoredUser): number => (user.is_security_admin ? 7 : 1);
