import type { SimRequest } from "../../../simulator/router.js";
import { SimRouter } from "../../../simulator/router.js";
import { SimHttpError } from "../../../simulator/sim-server.js";
import { callerOf } from "./auth.js";
import { paginated } from "./paging.js";
import { groupJson, projectJson, roleJson, type UserFields, userJson } from "./representations.js";
import { takesParams } from "./request-rules.js";
import { ROLE, type StoredGroup, type StoredRole, type StoredUser, type TestRailState } from "./state.js";
import type { TestRailViews } from "./views.js";

export interface TestRailSimSettings {
  /** The instance's path below the host ("" on Cloud, "/testrail" on-premise); fixed at start. */
  readonly rootPath: string;
  /** Answer `get_users` with the bare array the users doc page shows (pre-6.7) instead of the
   *  paginated wrapper live servers send (REFERENCE §5.2). */
  legacyUserArrays: boolean;
  /** Whether `get_roles` lists the "No Access" role. Without it (an instance whose get_roles has
   *  no such role) a project's default access, a group's or a user's override can still be No
   *  Access, set in TestRail: get_project shows it (by name, and an id update_project takes back
   *  [I]), while no user can be given it as their global role. */
  listNoAccessRole: boolean;
  /** "400/404 | Invalid or unknown email address" (users doc page): which of the two an unknown
   *  address gets. */
  unknownEmailStatus: 400 | 404;
  /** Where groups carry `user_ids`: `get_group` documents them [C], `get_groups` items maybe not
   *  [I] ("get_group"), and "nowhere" is a malformed answer a reader must not take as "no members". */
  groupUserIds: "everywhere" | "get_group" | "nowhere";
  /** The server version whose user fields are sent (see `UserFields`). */
  userFields: UserFields;
  /** Refusals to answer instead of the next request to a route (`"GET /get_user_by_email"`),
   *  each once, in TestRail's shape: the 400s and 403s TestRail has for reasons of its own
   *  (a disabled API, a missing header) that the simulator would not otherwise produce. */
  scriptedErrors: Array<{ readonly route: string; readonly status: number; readonly error: string }>;
}

export const NOT_ADMIN = "You are not allowed to perform this action (requires administrator privileges).";

/** Unknown and malformed addresses alike [C2]: gurock/trcli reads this 400 as "no such user". */
const NOT_A_VALID_EMAIL = "Field :email is not a valid email address.";

const withoutUserIds = (group: ReturnType<typeof groupJson>, drop: boolean) =>
  drop ? { id: group.id, name: group.name } : group;

/** The paging parameters every bulk GET takes (REFERENCE §5.3). */
const PAGING = ["limit", "offset"] as const;

/** The read methods of TestRail API v2; paths are the method part of `index.php?/api/v2/<method>`. */
export function testRailReadRoutes(
  state: TestRailState,
  views: TestRailViews,
  settings: TestRailSimSettings,
  router = new SimRouter(),
): SimRouter {
  const caller = (r: SimRequest): StoredUser => {
    const user = callerOf(state, views, r);
    if (!user) throw new SimHttpError(401, "Authentication failed");
    return user;
  };
  const requireAdmin = (r: SimRequest) => {
    if (!caller(r).is_admin) throw new SimHttpError(403, NOT_ADMIN);
  };
  const origin = (r: SimRequest) => `http://${r.headers.host ?? "localhost"}${settings.rootPath}`;
  const idParam = (r: SimRequest, name: string): number => {
    const raw = r.params[name] ?? "";
    return /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  };
  // 400, not 404, for an unknown id (users doc page: "400 | Invalid or unknown user").
  const userById = (r: SimRequest): StoredUser => {
    const user = state.users.get(idParam(r, "id"));
    if (!user) throw new SimHttpError(400, "Field :user_id is not a valid user.");
    const me = caller(r);
    // "Retrieving information for any other user requires administrator access" (users doc page).
    if (user.id !== me.id && !me.is_admin) throw new SimHttpError(403, NOT_ADMIN);
    return user;
  };
  const visibleProject = (r: SimRequest) => {
    const project = state.projects.get(idParam(r, "id"));
    if (!project || !views.canAccess(project, caller(r)))
      throw new SimHttpError(400, "Field :project_id is not a valid or accessible project.");
    return project;
  };
  const usersAnswer = <S>(r: SimRequest, method: string, all: readonly S[], render: (s: S) => unknown) =>
    settings.legacyUserArrays ? all.map(render) : paginated("users", all, method, r, render);
  const user = (u: StoredUser, role?: StoredRole) => userJson(u, views, role, settings.userFields);
  const listedRole = (role: StoredRole) => settings.listNoAccessRole || role.id !== ROLE.noAccess;

  return (
    router
      .get(
        "/get_user/:id",
        takesParams([], (r) => ({ status: 200, body: user(userById(r)) })),
      )
      .get(
        "/get_current_user",
        takesParams([], (r) => ({ status: 200, body: user(caller(r)) })),
      )
      // The users doc page writes the method with a `:user_id`; the caller is answered either way.
      .get(
        "/get_current_user/:id",
        takesParams([], (r) => ({ status: 200, body: user(caller(r)) })),
      )
      .get(
        "/get_user_by_email",
        takesParams(["email"], (r) => {
          const email = r.query.get("email") ?? "";
          if (!/^[^@\s]+@[^@\s]+$/.test(email)) throw new SimHttpError(400, NOT_A_VALID_EMAIL);
          const found = views.userByEmail(email);
          if (!found) throw new SimHttpError(settings.unknownEmailStatus, NOT_A_VALID_EMAIL);
          const me = caller(r);
          if (found.id !== me.id && !me.is_admin) throw new SimHttpError(403, NOT_ADMIN);
          return { status: 200, body: user(found) };
        }),
      )
      .get(
        "/get_users",
        takesParams(PAGING, (r) => {
          // "Non-administrators must include a project_id parameter" (users doc page).
          requireAdmin(r);
          return { status: 200, body: usersAnswer(r, "get_users", views.users(), (u) => user(u)) };
        }),
      )
      .get(
        "/get_users/:id",
        takesParams(PAGING, (r) => {
          const project = state.projects.get(idParam(r, "id"));
          if (!project)
            throw new SimHttpError(400, "Field :project_id is not a valid or accessible project.");
          if (!views.canAccess(project, caller(r))) throw new SimHttpError(403, NOT_ADMIN);
          const members = views.projectMembers(project);
          const body = usersAnswer(r, `get_users/${project.id}`, members, (m) => user(m.user, m.role));
          return { status: 200, body };
        }),
      )
      .get(
        "/get_roles",
        takesParams(PAGING, (r) => {
          const roles = [...state.roles.values()].filter(listedRole).sort((a, b) => a.id - b.id);
          return { status: 200, body: paginated("roles", roles, "get_roles", r, roleJson) };
        }),
      )
      .get(
        "/get_groups",
        takesParams(PAGING, (r) => {
          requireAdmin(r);
          const groups = [...state.groups.values()].sort((a, b) => a.id - b.id);
          const render = (g: StoredGroup) =>
            withoutUserIds(groupJson(g), settings.groupUserIds !== "everywhere");
          return { status: 200, body: paginated("groups", groups, "get_groups", r, render) };
        }),
      )
      .get(
        "/get_group/:id",
        takesParams([], (r) => {
          requireAdmin(r);
          const group = state.groups.get(idParam(r, "id"));
          if (!group) throw new SimHttpError(400, "Field :group_id is not a valid group.");
          return { status: 200, body: withoutUserIds(groupJson(group), settings.groupUserIds === "nowhere") };
        }),
      )
      .get(
        "/get_projects",
        takesParams(["is_completed", ...PAGING], (r) => {
          const me = caller(r);
          const completed = r.query.get("is_completed");
          const projects = [...state.projects.values()]
            .sort((a, b) => a.id - b.id)
            .filter((p) => completed === null || p.is_completed === (completed === "1"))
            // "only projects the caller can read" (REFERENCE §5.2).
            .filter((p) => views.canAccess(p, me));
          const render = (p: (typeof projects)[number]) => projectJson(p, state, views, origin(r));
          return { status: 200, body: paginated("projects", projects, "get_projects", r, render) };
        }),
      )
      .get(
        "/get_project/:id",
        takesParams([], (r) => ({
          status: 200,
          body: projectJson(visibleProject(r), state, views, origin(r)),
        })),
      )
  );
}
