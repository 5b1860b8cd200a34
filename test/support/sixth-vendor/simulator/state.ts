import { readFileSync } from "node:fs";
import { people, pick } from "../../../../src/simulator/people.js";
import type { RawUser } from "../raw-types.js";

/** The doc example, verbatim. */
const DOC_USER = JSON.parse(
  readFileSync(new URL("../__fixtures__/user-1.json", import.meta.url), "utf8"),
) as RawUser;

const ROLES = ["editor", "viewer", "viewer", "owner"] as const;

/** Users by id, in id order: the doc example, then `users` generated people (ids from 100). */
export function seed(users: number): Map<number, RawUser> {
  const state = new Map<number, RawUser>([[DOC_USER.id, DOC_USER]]);
  for (const p of people(users)) {
    const id = 100 + p.index;
    state.set(id, {
      id,
      login: p.handle,
      email: p.email,
      name: p.displayName,
      active: p.active,
      role: ROLES[pick(p.index, ROLES.length)] as string,
      lastLogin: p.lastLoginAt?.toISOString() ?? null,
    });
  }
  return state;
}
