import type { SimRequest, SimResponse } from "../../../simulator/router.js";
import type { SquashState } from "./state.js";
import { userByLogin } from "./user-store.js";

/** The personal API token the simulator accepts as `Authorization: Bearer <token>`. */
export const SQUASH_DEMO_TOKEN = "squash-demo-token";

/** Basic (login:password of an active user) or Bearer with the demo token; else Spring's 401. */
export function squashAuthenticator(
  state: SquashState,
  errorBody: (status: number, message: string) => SimResponse,
) {
  return (request: SimRequest): SimResponse | null => {
    const header = String(request.headers.authorization ?? "");
    if (header === `Bearer ${SQUASH_DEMO_TOKEN}`) return null;
    if (header.startsWith("Basic ")) {
      const [login, ...rest] = Buffer.from(header.slice(6), "base64").toString("utf8").split(":");
      const password = rest.join(":");
      const user = userByLogin(state, login ?? "");
      if (user?.active && state.passwords.get(user.id) === password) return null;
    }
    const denied = errorBody(401, "Full authentication is required to access this resource");
    return { ...denied, headers: { "www-authenticate": 'Basic realm="Squash TM"' } };
  };
}

/** Who is calling, for `created_by` / `last_modified_by`: the demo token is the admin's. */
export function principalOf(request: SimRequest): string {
  const header = String(request.headers.authorization ?? "");
  if (!header.startsWith("Basic ")) return "admin";
  return Buffer.from(header.slice(6), "base64").toString("utf8").split(":")[0] ?? "admin";
}
