import { type SimRequest, SimRouter } from "../../../simulator/router.js";
import { SimHttpError } from "../../../simulator/sim-server.js";
import { callerOf, type TokenStore } from "./auth.js";
import { avatarPng } from "./avatar.js";
import { userPage } from "./paging.js";
import {
  API,
  adminProfileJson,
  groupJson,
  loggedUserJson,
  profileJson,
  projectJson,
  projectMemberJson,
  searchUserJson,
  siteOrigin,
  userJson,
} from "./representations.js";
import { flag, strict } from "./request-rules.js";
import { orderedUsers, type QTestState, type StoredProject, type StoredUser } from "./state.js";

/** Query parameters per route, as the v3 swagger lists them (exact case). */
const PAGING = ["pagination", "page", "pageSize"];

/** A path id: qTest ids are int64, so anything else is a 400 like Spring's type mismatch [I]. */
export function numericId(request: SimRequest, name: string): number {
  const raw = request.params[name] ?? "";
  if (!/^\d+$/.test(raw)) throw new SimHttpError(400, `Invalid ${name}: ${raw}`);
  return Number(raw);
}

/**
 * The read routes of qTest Manager API v3 that Rollcall uses (writes go in a routes file of their
 * own), each behind qTest's header and parameter checks (request-rules.ts). `GET /groups` is served only
 * when the instance offers it (`state.instance.groups`); otherwise it is the unknown route's 404.
 */
export function qtestReadRoutes(state: QTestState, tokens: TokenStore, router = new SimRouter()): SimRouter {
  const user = (request: SimRequest): StoredUser => {
    const found = state.users.get(numericId(request, "userId"));
    if (!found) throw new SimHttpError(404, "User not found");
    return found;
  };
  const project = (request: SimRequest): StoredProject => {
    const found = state.projects.get(numericId(request, "projectId"));
    if (!found) throw new SimHttpError(404, "Project not found");
    return found;
  };
  const isAdmin = (u: StoredUser) => state.adminProfiles.has(u.id);

  router
    .get(
      `${API}/re-evaluation`,
      strict({ query: ["includeInaccessibleApps"] }, (r) => ({
        status: 200,
        body: loggedUserJson(callerOf(r, tokens, state), state, siteOrigin(r)),
      })),
    )
    .get(`${API}/admin-profiles/current`, (r) => ({
      status: 200,
      body: adminProfileJson(callerOf(r, tokens, state), state),
    }))
    // Registered before /users/:userId, which would otherwise take "search" for an id.
    .get(
      `${API}/users/search`,
      strict({ query: ["username", "includeInactiveUsers", "authSystemConfigIds", ...PAGING] }, (r) => {
        const includeInactive = flag(r, "includeInactiveUsers", false);
        const username = r.query.get("username");
        let users = orderedUsers(state, includeInactive);
        // [I] The doc's "contain the text" wording: a case-sensitive substring of the login.
        if (username) users = users.filter((u) => u.username.includes(username));
        const origin = siteOrigin(r);
        return {
          status: 200,
          body: userPage(users, (u) => userJson(u, state, origin), r, `${origin}${API}/users/search`),
        };
      }),
    )
    .get(
      `${API}/users/:userId`,
      strict({}, (r) => ({ status: 200, body: userJson(user(r), state, siteOrigin(r)) })),
    )
    .get(
      `${API}/users/:userId/avatar`,
      strict({ answers: "image" }, (r) => {
        const found = user(r);
        if (found.avatar_hue === null) throw new SimHttpError(404, "Avatar not found");
        return { status: 200, binary: { contentType: "image/png", data: avatarPng(found.avatar_hue) } };
      }),
    )
    .get(
      `${API}/search/user`,
      strict({ query: ["projectName", "inactive", ...PAGING] }, (r) => {
        const name = r.query.get("projectName") ?? "";
        const matched = [...state.projects.values()].filter((p) => p.name.includes(name));
        const ids = new Set(matched.flatMap((p) => [...(state.members.get(p.id)?.keys() ?? [])]));
        const users = orderedUsers(state, flag(r, "inactive", false)).filter((u) => ids.has(u.id));
        const origin = siteOrigin(r);
        const page = userPage(
          users,
          (u) => searchUserJson(u, state, origin),
          r,
          `${origin}${API}/search/user`,
        );
        return { status: 200, body: { ...page, total_project: matched.length } };
      }),
    )
    .get(
      `${API}/projects`,
      strict({ query: ["expand", "assigned", "page", "pageSize"] }, (r) => {
        const caller = callerOf(r, tokens, state);
        // assigned=false lists every project, for admins only; others see their own.
        const all = !flag(r, "assigned", true) && isAdmin(caller);
        const origin = siteOrigin(r);
        const projects = [...state.projects.values()]
          .filter((p) => all || state.members.get(p.id)?.has(caller.id))
          .sort((a, b) => a.id - b.id)
          .map((p) => projectJson(p, state, origin));
        return { status: 200, body: projects };
      }),
    )
    .get(
      `${API}/projects/:projectId`,
      strict({ query: ["expand"] }, (r) => ({
        status: 200,
        body: projectJson(project(r), state, siteOrigin(r)),
      })),
    )
    .get(
      `${API}/projects/:projectId/users`,
      strict({ query: ["inactive"] }, (r) => {
        const found = project(r);
        const includeInactive = flag(r, "inactive", false);
        const origin = siteOrigin(r);
        const members = [...(state.members.get(found.id) ?? [])]
          .map(([userId, profileId]) => ({ u: state.users.get(userId), profileId }))
          .filter((m): m is { u: StoredUser; profileId: number } => m.u !== undefined)
          .filter((m) => includeInactive || m.u.status === 1)
          .sort((a, b) => a.u.id - b.u.id)
          .map((m) => projectMemberJson(m.u, m.profileId, state, origin));
        return { status: 200, body: members };
      }),
    )
    .get(
      `${API}/user-profiles`,
      strict({ query: ["type"] }, (r) => {
        if (!isAdmin(callerOf(r, tokens, state)))
          throw new SimHttpError(403, "You do not have permission to view user profiles");
        const type = r.query.get("type");
        // The doc says `type=use` for user profiles; the swagger enum says `user`: both are taken [I].
        if (type !== null && !["admin", "use", "user"].includes(type))
          throw new SimHttpError(400, `Invalid type: ${type}`);
        const profiles = [...state.profiles.values()].sort((a, b) => a.id - b.id);
        const users = type === "admin" ? [] : profiles.filter((p) => p.type === "user").map(profileJson);
        const admins =
          type === "use" || type === "user"
            ? []
            : profiles.filter((p) => p.type === "admin").map(profileJson);
        return {
          status: 200,
          body: {
            user_profiles: users,
            admin_profiles: admins,
            total_user_profiles: users.length,
            total_admin_profiles: admins.length,
          },
        };
      }),
    )
    .get(
      `${API}/groups`,
      strict({}, (r) => {
        // An instance without user groups answers as it does for any route it does not have.
        if (!state.instance.groups) throw new SimHttpError(404, `No route for ${r.method} ${r.path}`);
        return {
          status: 200,
          body: [...state.groups.values()].sort((a, b) => a.id - b.id).map((g) => groupJson(g, state)),
        };
      }),
    );
  return router;
}
