import type { SimHandler, SimResponse, SimRouter } from "../../../simulator/router.js";
import { SimHttpError } from "../../../simulator/sim-server.js";
import { callerOf, type TokenStore } from "./auth.js";
import { API, siteOrigin, userJson } from "./representations.js";
import { type Body, jsonArray, jsonObject, MODELS, onlyKnown, strict } from "./request-rules.js";
import { numericId } from "./routes.js";
import {
  addToGroup,
  addUser,
  assignToProject,
  type QTestState,
  removeFromProject,
  type StoredProfile,
  type StoredUser,
  setGroupsOf,
  setStatus,
  updateUser,
  userByLogin,
} from "./state.js";

/** "If the password is omitted, the default "admin123" will be used" (seed page, create_user). */
export const DEFAULT_PASSWORD = "admin123";
/** "If the profile is not provided, profile Developer is used by default" (seed page, assign_to_project). */
const DEFAULT_PROFILE = "Developer";
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** `skipEmailNotifications` is the one query parameter of the assignment routes (v3 swagger). */
const ASSIGNMENT_QUERY = { query: ["skipEmailNotifications"] };

/** 412 is qTest's "required properties missing" (REFERENCE §1.4); [I] the message names the property. */
function required(body: Body, field: string): unknown {
  const value = body[field];
  if (value === undefined || value === null || (typeof value === "string" && value.trim() === ""))
    throw new SimHttpError(412, `Missing required property: ${field}`);
  return value;
}

function text(body: Body, field: string): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw new SimHttpError(400, `Invalid ${field}: must be a string`);
  if (value.trim() === "") throw new SimHttpError(400, `Invalid ${field}: must not be empty`);
  return value.trim();
}

/** Passwords are taken as sent, never trimmed, and never appear in an answer or a message. */
function password(body: Body): string | undefined {
  const value = body.password;
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string" || value.length === 0) throw new SimHttpError(400, "Invalid password");
  return value;
}

function ids(value: unknown, field: string): number[] {
  if (!Array.isArray(value) || !value.every((v) => Number.isInteger(v)))
    throw new SimHttpError(400, `Invalid ${field}: must be an array of ids`);
  return [...new Set(value as number[])];
}

export function qtestWriteRoutes(state: QTestState, tokens: TokenStore, router: SimRouter): SimRouter {
  /** Writes need "Manage Client Users" (v3 swagger); [I] the simulator grants it to admin profiles.
   *  Headers and parameters are checked first (request-rules.ts). */
  const asUserAdmin = (handler: SimHandler, rules: { query?: string[] } = {}): SimHandler =>
    strict(rules, async (request) => {
      if (!state.adminProfiles.has(callerOf(request, tokens, state).id))
        throw new SimHttpError(403, "You do not have permission to manage users");
      return handler(request);
    });

  const userById = (id: number): StoredUser => {
    const found = state.users.get(id);
    if (!found) throw new SimHttpError(404, "User not found");
    return found;
  };
  const projectById = (value: unknown): number => {
    if (!Number.isInteger(value)) throw new SimHttpError(400, "Invalid project_id");
    if (!state.projects.has(value as number)) throw new SimHttpError(404, "Project not found");
    return value as number;
  };
  const groupIds = (value: unknown): number[] => {
    const list = ids(value, "user_group_ids");
    const unknown = list.find((id) => !state.groups.has(id));
    if (unknown !== undefined)
      throw new SimHttpError(400, `Invalid user_group_ids: no user group ${unknown}`);
    return list;
  };
  /** `Profile` by id or name; absent → Developer. [I] An unknown one is a 400 naming it. */
  const userProfile = (value: unknown): StoredProfile => {
    if (value !== undefined && value !== null && (typeof value !== "object" || Array.isArray(value)))
      throw new SimHttpError(400, "Invalid profile: must be a Profile object");
    const asked = onlyKnown((value ?? { name: DEFAULT_PROFILE }) as Body, "Profile", MODELS.profile) as {
      id?: unknown;
      name?: unknown;
    };
    let found: StoredProfile | undefined;
    if (asked.id !== undefined && asked.id !== null) found = state.profiles.get(Number(asked.id));
    else for (const p of state.profiles.values()) if (p.type === "user" && p.name === asked.name) found = p;
    if (found?.type !== "user")
      throw new SimHttpError(
        400,
        `Invalid profile: no user profile ${JSON.stringify(asked.name ?? asked.id)}`,
      );
    return found;
  };
  const profileRef = (p: StoredProfile) => ({ id: p.id, name: p.name });

  const assign = (body: Body, userIds: number[]): { projectId: number; profile: StoredProfile } => {
    const projectId = projectById(required(body, "project_id"));
    const profile = userProfile(body.profile);
    // All or nothing [I]: every user is checked before anyone is assigned.
    for (const id of userIds) userById(id);
    for (const id of userIds) assignToProject(state, id, projectId, profile.id);
    return { projectId, profile };
  };

  const ok = (body: unknown): SimResponse => ({ status: 200, body });

  return (
    router
      // create_user: `username` is the new user's email and login; `email` "will be ignored and
      // primary email will be set"; first and last name are required (v3 swagger).
      .post(
        `${API}/users`,
        asUserAdmin((r) => {
          const body = jsonObject(r, "UserResource", MODELS.newUser);
          const username = String(required(body, "username")).trim();
          const firstName = String(required(body, "first_name")).trim();
          const lastName = String(required(body, "last_name")).trim();
          if (!EMAIL.test(username))
            throw new SimHttpError(400, "Invalid username: must be an email address");
          if (userByLogin(state, username)) throw new SimHttpError(400, `User ${username} already exists`);
          const groups = body.user_group_ids === undefined ? [] : groupIds(body.user_group_ids);
          const user = addUser(
            state,
            {
              id: state.nextUserId,
              username,
              email: username,
              first_name: firstName,
              last_name: lastName,
              // "invite a user … and activate the account" (seed page).
              status: 1,
              ldap_username: null,
              timezone_offset: "+00:00",
              country_name: null,
              avatar_hue: null,
            },
            password(body) ?? DEFAULT_PASSWORD,
          );
          // include_default_groups: "Default value is false" (v3 swagger).
          const defaults =
            body.include_default_groups === true
              ? [...state.groups.values()].filter((g) => g.is_default).map((g) => g.id)
              : [];
          for (const groupId of new Set([...groups, ...defaults])) addToGroup(state, groupId, user.id);
          return ok(userJson(user, state, siteOrigin(r)));
        }),
      )
      // Registered before /users/:userId, which would otherwise take "projects" for an id.
      .post(
        `${API}/users/projects`,
        asUserAdmin((r) => {
          const body = jsonObject(r, "AssignedUsersProject", MODELS.assignedUsersProject);
          const userIds = ids(required(body, "user_ids"), "user_ids");
          if (userIds.length === 0) throw new SimHttpError(412, "Missing required property: user_ids");
          const { projectId, profile } = assign(body, userIds);
          return ok({ project_id: projectId, profile: profileRef(profile), user_ids: userIds });
        }, ASSIGNMENT_QUERY),
      )
      // remove_association_users_and_projects: `[{project_id, user_ids}]` → Message. [I] A user who
      // is not a member of the project is skipped.
      .put(
        `${API}/users/projects`,
        asUserAdmin((r) => {
          const body = jsonArray(r, "ProjectWithUserIdsObject", MODELS.projectWithUserIds);
          const pairs = body.map((pair) => ({
            projectId: projectById(required(pair, "project_id")),
            userIds: ids(required(pair, "user_ids"), "user_ids"),
          }));
          for (const { projectId, userIds } of pairs)
            for (const userId of userIds) removeFromProject(state, userId, projectId);
          return ok({ message: "Removed association between users and projects" });
        }, ASSIGNMENT_QUERY),
      )
      .post(
        `${API}/users/:userId/projects`,
        asUserAdmin((r) => {
          const userId = userById(numericId(r, "userId")).id;
          const body = jsonObject(r, "AssignedProject", MODELS.assignedProject);
          const { projectId, profile } = assign(body, [userId]);
          return ok({ project_id: projectId, profile: profileRef(profile) });
        }),
      )
      // update_user (UserUpdateResource): only the fields sent change; `status` is 1 or 3.
      .put(
        `${API}/users/:userId`,
        asUserAdmin((r) => {
          const user = userById(numericId(r, "userId"));
          const body = jsonObject(r, "UserUpdateResource", MODELS.userUpdate);
          const email = text(body, "email");
          if (email !== undefined && !EMAIL.test(email))
            throw new SimHttpError(400, "Invalid email: must be an email address");
          const status = body.status;
          if (status !== undefined && status !== 1 && status !== 3)
            throw new SimHttpError(
              400,
              "Invalid status: Status id must be 1 for Active or 3 for Inactive status",
            );
          const groups = body.user_group_ids === undefined ? undefined : groupIds(body.user_group_ids);
          updateUser(state, user.id, {
            email,
            first_name: text(body, "first_name"),
            last_name: text(body, "last_name"),
            password: password(body),
          });
          if (status !== undefined) setStatus(state, user.id, status);
          if (groups !== undefined) setGroupsOf(state, user.id, groups);
          return ok(userJson(user, state, siteOrigin(r)));
        }),
      )
  );
}
