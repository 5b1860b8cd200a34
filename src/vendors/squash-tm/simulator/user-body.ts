import type { StoredUser } from "./state.js";

/**
 * Reading `POST /users` and `PATCH /users/{id}` bodies the way Squash does (seed page "Create
 * user", "Modify user"). Which fields are required and what a bad value answers is not on the
 * page [I]: 400 `{exception, message}` naming the field, like Squash's other argument errors.
 */

export class BadUserBody extends Error {}

/** Requests say admin|user|testAutomationServer; responses capitalise (REFERENCE §2.3). The seed's
 *  own "Create user" example sends "User", so any case is accepted. */
const GROUPS: Record<string, StoredUser["group"]> = {
  admin: "Admin",
  user: "User",
  testautomationserver: "TestAutomationServer",
};

export interface UserFields {
  first_name?: string;
  last_name?: string;
  login?: string;
  password?: string;
  email?: string;
  active?: boolean;
  group?: StoredUser["group"];
  can_delete_from_front?: boolean;
}

const TEXT = ["first_name", "last_name", "login", "password", "email"] as const;
const FLAGS = ["active", "can_delete_from_front"] as const;

function readFields(body: unknown): UserFields {
  if (typeof body !== "object" || body === null || Array.isArray(body))
    throw new BadUserBody("Required request body is missing");
  const raw = body as Record<string, unknown>;
  if (raw._type !== undefined && raw._type !== "user")
    throw new BadUserBody(`_type must be "user", not "${String(raw._type)}"`);
  const out: UserFields = {};
  for (const key of TEXT) {
    const value = raw[key];
    if (value === undefined || value === null) continue;
    if (typeof value !== "string") throw new BadUserBody(`${key} must be a string`);
    out[key] = value;
  }
  for (const key of FLAGS) {
    const value = raw[key];
    if (value === undefined || value === null) continue;
    if (typeof value !== "boolean") throw new BadUserBody(`${key} must be a boolean`);
    out[key] = value;
  }
  if (raw.group !== undefined && raw.group !== null) {
    const group = GROUPS[String(raw.group).toLowerCase()];
    if (!group)
      throw new BadUserBody(
        `Unknown group "${String(raw.group)}": expected admin, user or testAutomationServer`,
      );
    out.group = group;
  }
  if (out.login !== undefined && out.login.trim() === "") throw new BadUserBody("login must not be blank");
  return out;
}

export type NewUserFields = UserFields &
  Required<Pick<UserFields, "login" | "password" | "last_name" | "group">>;

/** A create needs a login, a password, a last name and a group [I]. */
export function readNewUser(body: unknown): NewUserFields {
  const fields = readFields(body);
  // Squash picks the entity class from `_type`; every request example on the page carries it.
  if ((body as Record<string, unknown>)._type !== "user") throw new BadUserBody('_type must be "user"');
  for (const key of ["login", "password", "last_name", "group"] as const)
    if (fields[key] === undefined || fields[key] === "") throw new BadUserBody(`${key} is required`);
  return fields as NewUserFields;
}

/** A modification sends only what changes. */
export function readUserChanges(body: unknown): UserFields {
  const fields = readFields(body);
  if (fields.last_name !== undefined && fields.last_name.trim() === "")
    throw new BadUserBody("last_name must not be blank");
  if (fields.password !== undefined && fields.password === "")
    throw new BadUserBody("password must not be blank");
  return fields;
}
