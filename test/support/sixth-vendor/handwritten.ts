/** The benchmarks' hand-written baseline: one users page, each role on its record. */
import { toGlobalId } from "../../../src/schema/common/global-id.js";
import type { BaselineUser } from "../../../src/vendors/vendor-module.js";
import { roleLevel } from "./levels.js";
import type { RawUserPage } from "./raw-types.js";

interface Config {
  id: string;
  baseUrl: string;
  auth: { apiKey: string };
}

export async function users(config: Config, first: number): Promise<BaselineUser[]> {
  const response = await fetch(`${config.baseUrl}/api/users?offset=0&limit=${first}`, {
    headers: { "x-api-key": config.auth.apiKey },
  });
  if (!response.ok) throw new Error(`Sixth Tool GET users: ${response.status}`);
  const page = (await response.json()) as RawUserPage;
  return page.items.map((u) => ({
    id: toGlobalId(config.id, "User", String(u.id)),
    displayName: u.name || u.login,
    email: u.email,
    active: u.active,
    permissions: [{ role: u.role, level: roleLevel(u.role), project: null }],
  }));
}
