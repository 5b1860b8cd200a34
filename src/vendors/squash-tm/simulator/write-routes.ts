import type { SimRequest, SimRouter } from "../../../simulator/router.js";
import { SimHttpError } from "../../../simulator/sim-server.js";
import { principalOf } from "./auth.js";
import { SquashFault } from "./errors.js";
import { apiOrigin, selectFields } from "./hal.js";
import { projectJson, userJson } from "./representations.js";
import { numericId, type RouteRules, route } from "./request-rules.js";
import { PERMISSION_GROUPS, type SquashState, type StoredUser, squashDate } from "./state.js";
import { readNewUser, readUserChanges } from "./user-body.js";
import { changeLogin, deleteUser, insertUser, userByLogin } from "./user-store.js";

/**
 * The user administration routes of the "API REST administration" plugin (seed page
 * squash-tm-rest-users.txt). Status codes the page leaves out follow REFERENCE §2.3 (201 POST,
 * 200 PATCH, 204 DELETE); failures the page does not show are [I] and documented in the README.
 */

/** "Create user", "Modify user": a JSON body under `Content-Type: application/json`, `fields` only. */
const USER_BODY: RouteRules = { params: ["fields"], contentType: "json", body: "json" };
/** "Delete user": no body, yet the example carries `Content-Type: application/json`. */
const DELETE_USERS: RouteRules = { params: [], contentType: "json" };
/** "Subscribe to teams": `teamNames`, under `Content-Type: application/json`; the page prints the
 *  parameter as a form text body, which is read too. "Unsubscribe from teams": in the query. */
const SUBSCRIBE: RouteRules = { params: ["teamNames"], contentType: "json", body: "params" };
const UNSUBSCRIBE: RouteRules = { params: ["teamNames"], contentType: "json" };
/** "Add permissions to user", "Delete permission(s) for user": `ids`, no body, no content type shown. */
const PERMISSIONS: RouteRules = { params: ["ids"] };

const LOGIN_TAKEN = "org.squashtest.tm.exception.user.LoginAlreadyExistsException";

/** Spring binds `1,2` and repeated parameters alike, trimming each element. */
function listParam(request: SimRequest, name: string): string[] {
  const fromBody = typeof request.body === "string" ? new URLSearchParams(request.body).getAll(name) : [];
  return [...request.query.getAll(name), ...fromBody]
    .flatMap((v) => v.split(","))
    .map((v) => v.trim())
    .filter((v) => v !== "");
}

/** A list of numeric ids (`ids=369,370` or `/users/169,189`), each once, in the order given. */
function idList(values: readonly string[], what: string): number[] {
  if (values.length === 0) throw new SquashFault(400, `Required parameter '${what}' is not present`);
  for (const v of values)
    if (!/^\d+$/.test(v))
      throw new SquashFault(400, `Failed to convert value '${v}' of '${what}' to a list of Long`);
  return [...new Set(values.map(Number))];
}

const userNotFound = (id: string | number) =>
  new SimHttpError(404, `Unable to find org.squashtest.tm.domain.users.User with id ${id}`);

export function squashWriteRoutes(state: SquashState, rootPath: string, router: SimRouter): SimRouter {
  const origin = (r: SimRequest) => apiOrigin(r, rootPath);
  const userById = (id: string): StoredUser => {
    const user = state.users.get(numericId(id));
    if (!user) throw userNotFound(id);
    return user;
  };
  const byLogin = (login: string): StoredUser => {
    const user = userByLogin(state, login);
    if (!user)
      throw new SimHttpError(404, `Unable to find org.squashtest.tm.domain.users.User with login ${login}`);
    return user;
  };
  const loginFree = (login: string, except?: number) => {
    const holder = userByLogin(state, login);
    if (holder && holder.id !== except)
      throw new SquashFault(409, `The login ${login} is already used by another user`, LOGIN_TAKEN);
  };
  const touched = (user: StoredUser, r: SimRequest) => {
    user.last_modified_by = principalOf(r);
    user.last_modified_on = squashDate(new Date());
  };
  const teamIdsByName = (names: readonly string[]): number[] => {
    if (names.length === 0) throw new SquashFault(400, "Required parameter 'teamNames' is not present");
    return names.map((name) => {
      for (const team of state.teams.values()) if (team.name === name) return team.id;
      throw new SimHttpError(404, `Unable to find org.squashtest.tm.domain.users.Team with name ${name}`);
    });
  };

  return router
    .post(
      "/users",
      route(USER_BODY, (r) => {
        const fields = readNewUser(r.body);
        loginFree(fields.login);
        const user: StoredUser = {
          id: state.nextUserId++,
          login: fields.login,
          first_name: fields.first_name ?? "",
          last_name: fields.last_name,
          email: fields.email ?? "",
          active: fields.active ?? true,
          group: fields.group,
          can_delete_from_front: fields.can_delete_from_front ?? false,
          last_connected_on: null,
          created_by: principalOf(r),
          created_on: squashDate(new Date()),
          last_modified_by: null,
          last_modified_on: null,
        };
        insertUser(state, user, fields.password);
        return { status: 201, body: selectFields(userJson(user, state, origin(r)), r) };
      }),
    )
    .patch(
      "/users/:id",
      route(USER_BODY, (r) => {
        const user = userById(r.params.id as string);
        const { password, login, ...rest } = readUserChanges(r.body);
        if (login !== undefined && login !== user.login) {
          loginFree(login, user.id);
          changeLogin(state, user, login);
        }
        if (password !== undefined) state.passwords.set(user.id, password);
        Object.assign(user, rest);
        touched(user, r);
        return { status: 200, body: selectFields(userJson(user, state, origin(r)), r) };
      }),
    )
    .delete(
      "/users/:ids",
      route(DELETE_USERS, (r) => {
        const ids = idList((r.params.ids as string).split(","), "ids");
        // One transaction in Squash: an unknown id refuses the whole list and deletes nothing [I].
        const missing = ids.find((id) => !state.users.has(id));
        if (missing !== undefined) throw userNotFound(missing);
        for (const id of ids) deleteUser(state, id);
        return { status: 204 };
      }),
    )
    .post(
      "/users/login/:login/teams",
      route(SUBSCRIBE, (r) => {
        const user = byLogin(r.params.login as string);
        for (const teamId of teamIdsByName(listParam(r, "teamNames"))) {
          const members = state.teamMembers.get(teamId) ?? new Set<number>();
          members.add(user.id);
          state.teamMembers.set(teamId, members);
        }
        return { status: 204 };
      }),
    )
    .delete(
      "/users/login/:login/teams",
      route(UNSUBSCRIBE, (r) => {
        const user = byLogin(r.params.login as string);
        for (const teamId of teamIdsByName(listParam(r, "teamNames")))
          state.teamMembers.get(teamId)?.delete(user.id);
        return { status: 204 };
      }),
    )
    .post(
      "/users/:id/permissions/:group",
      route(PERMISSIONS, (r) => {
        const user = userById(r.params.id as string);
        const group = r.params.group as string;
        if (!(PERMISSION_GROUPS as readonly string[]).includes(group))
          throw new SquashFault(
            400,
            `No permission group ${group}: expected one of ${PERMISSION_GROUPS.join(", ")}`,
          );
        const projectIds = idList(listParam(r, "ids"), "ids");
        const projects = projectIds.map((id) => {
          const project = state.projects.get(id);
          if (!project)
            throw new SimHttpError(
              404,
              `Unable to find org.squashtest.tm.domain.project.Project with id ${id}`,
            );
          return project;
        });
        // A user holds one permission group per project: granting replaces the previous one.
        const grants = state.permissions.get(user.id) ?? new Map<number, string>();
        for (const id of projectIds) grants.set(id, group);
        state.permissions.set(user.id, grants);
        return {
          status: 200,
          // Only what this call granted, as the page's example answers (not the user's whole list).
          body: {
            content: { [group]: projects.map((p) => projectJson(p, origin(r))) },
            _links: { self: { href: `${origin(r)}/users/${user.id}/permissions` } },
          },
        };
      }),
    )
    .delete(
      "/users/:id/permissions",
      route(PERMISSIONS, (r) => {
        const user = userById(r.params.id as string);
        // Removing a permission the user does not hold changes nothing and is no error [I].
        for (const id of idList(listParam(r, "ids"), "ids")) state.permissions.get(user.id)?.delete(id);
        return { status: 204 };
      }),
    );
}
