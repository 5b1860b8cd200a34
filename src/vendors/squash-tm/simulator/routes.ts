import { type SimRequest, SimRouter } from "../../../simulator/router.js";
import { SimHttpError } from "../../../simulator/sim-server.js";
import { apiOrigin, halPage, selectFields } from "./hal.js";
import type { PermissionReads } from "./permission-models.js";
import { projectClearancesJson, projectPermissionsJson } from "./project-holders.js";
import {
  PROJECT_LIST_FIELDS,
  projectJson,
  TEAM_LIST_FIELDS,
  teamJson,
  USER_LIST_FIELDS,
  userJson,
  userPermissionsJson,
} from "./representations.js";
import { numericId, type RouteRules, route } from "./request-rules.js";
import type { SquashState, StoredUser } from "./state.js";
import { userByLogin } from "./user-store.js";

const ENTITY_NOT_FOUND = (what: string, id: string) =>
  new SimHttpError(404, `Unable to find org.squashtest.tm.domain.${what} with id ${id}`);

/** The parameters of the paged lists: seed page "Get all users" (page, size, sort, fields, type). */
const PAGED: RouteRules = { params: ["page", "size", "sort", "fields", "type"] };
/** One object: seed page "Get user" and "Get user permissions" take `fields` only. */
const ONE: RouteRules = { params: ["fields"] };
/** "Get user subscribed teams": page, size, fields (no sort on the page). */
const USER_TEAMS: RouteRules = { params: ["page", "size", "fields"] };
/** `GET /projects` (REFERENCE §2.2 [C2]): paged, plus the type, milestone and exact-name filters. */
const PROJECTS: RouteRules = {
  params: [...PAGED.params, "milestoneId", "milestoneLabel", "projectName"],
};

/** The read routes of the Squash TM REST API (plus the admin plugin's by-login routes). */
export function squashReadRoutes(
  state: SquashState,
  rootPath: string,
  reads: PermissionReads,
  byLoginReads: boolean,
  router = new SimRouter(),
): SimRouter {
  const origin = (r: SimRequest) => apiOrigin(r, rootPath);
  const byId = <T>(map: Map<number, T>, what: string, id: string): T => {
    const found = map.get(numericId(id));
    if (!found) throw ENTITY_NOT_FOUND(what, id);
    return found;
  };
  const byLogin = (login: string): StoredUser => {
    const user = userByLogin(state, login);
    if (user) return user;
    throw new SimHttpError(404, `Unable to find org.squashtest.tm.domain.users.User with login ${login}`);
  };
  const sortedById = <T extends { id: number }>(items: Iterable<T>) => [...items].sort((a, b) => a.id - b.id);

  router.get(
    "/users",
    route(PAGED, (r) => {
      const items = sortedById(state.users.values()).map((u) =>
        selectFields(userJson(u, state, origin(r)), r, USER_LIST_FIELDS),
      );
      return { status: 200, body: halPage("users", items, r, origin(r), "/users") };
    }),
  );
  if (byLoginReads)
    router
      .get(
        "/users/login/:login",
        route(ONE, (r) => ({
          status: 200,
          body: selectFields(userJson(byLogin(r.params.login as string), state, origin(r)), r),
        })),
      )
      .get(
        "/users/login/:login/teams",
        route(USER_TEAMS, (r) => {
          const user = byLogin(r.params.login as string);
          const teams = sortedById(state.teams.values())
            .filter((t) => state.teamMembers.get(t.id)?.has(user.id))
            .map((t) => selectFields(teamJson(t, origin(r)), r));
          return {
            status: 200,
            body: halPage("teams", teams, r, origin(r), `/users/login/${user.login}/teams`),
          };
        }),
      );
  router.get(
    "/users/:id",
    route(ONE, (r) => ({
      status: 200,
      body: selectFields(
        userJson(byId(state.users, "users.User", r.params.id as string), state, origin(r)),
        r,
      ),
    })),
  );
  if (reads.userPermissions)
    router.get(
      "/users/:id/permissions",
      route(ONE, (r) => {
        const user = byId(state.users, "users.User", r.params.id as string);
        return { status: 200, body: userPermissionsJson(user.id, state, origin(r)) };
      }),
    );
  router
    .get(
      "/teams",
      route(PAGED, (r) => {
        const items = sortedById(state.teams.values()).map((t) =>
          selectFields(teamJson(t, origin(r)), r, TEAM_LIST_FIELDS),
        );
        return { status: 200, body: halPage("teams", items, r, origin(r), "/teams") };
      }),
    )
    .get(
      "/teams/:id",
      route(ONE, (r) => ({
        status: 200,
        body: selectFields(teamJson(byId(state.teams, "users.Team", r.params.id as string), origin(r)), r),
      })),
    )
    .get(
      "/teams/:id/members",
      route(PAGED, (r) => {
        const team = byId(state.teams, "users.Team", r.params.id as string);
        const members = sortedById(
          [...(state.teamMembers.get(team.id) ?? [])]
            .map((id) => state.users.get(id))
            .filter((u) => u !== undefined),
        ).map((u) => selectFields(userJson(u, state, origin(r)), r, USER_LIST_FIELDS));
        return {
          status: 200,
          body: halPage("members", members, r, origin(r), `/teams/${team.id}/members`),
        };
      }),
    )
    .get(
      "/projects",
      route(PROJECTS, (r) => {
        const items = sortedById(state.projects.values()).map((p) =>
          selectFields(projectJson(p, origin(r)), r, PROJECT_LIST_FIELDS),
        );
        return { status: 200, body: halPage("projects", items, r, origin(r), "/projects") };
      }),
    )
    .get(
      "/projects/:id",
      route(ONE, (r) => ({
        status: 200,
        body: selectFields(
          projectJson(byId(state.projects, "project.Project", r.params.id as string), origin(r)),
          r,
        ),
      })),
    );
  if (reads.clearances)
    router.get(
      "/projects/:id/clearances",
      route(ONE, (r) => {
        const project = byId(state.projects, "project.Project", r.params.id as string);
        return { status: 200, body: projectClearancesJson(project.id, state, origin(r)) };
      }),
    );
  if (reads.projectPermissions)
    router.get(
      "/projects/:id/permissions",
      route(ONE, (r) => {
        const project = byId(state.projects, "project.Project", r.params.id as string);
        return { status: 200, body: projectPermissionsJson(project.id, state, origin(r)) };
      }),
    );
  return router;
}
