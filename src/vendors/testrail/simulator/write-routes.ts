import type { SimHandler, SimRequest, SimResponse } from "../../../simulator/router.js";
import { SimRouter } from "../../../simulator/router.js";
import { SimHttpError } from "../../../simulator/sim-server.js";
import { callerOf } from "./auth.js";
import { groupJson, projectJson, userJson } from "./representations.js";
import { onlyFields, takesParams } from "./request-rules.js";
import { NOT_ADMIN, type TestRailSimSettings } from "./routes.js";
import { ROLE, type StoredGroup, type StoredProject, type StoredUser, type TestRailState } from "./state.js";
import type { TestRailViews } from "./views.js";
import {
  bodyOf,
  email,
  flag,
  has,
  idList,
  idOf,
  optionalText,
  overrides,
  requireField,
  text,
} from "./write-bodies.js";

const EMAIL_TAKEN = "Field :email is already in use by another user.";

/** The body fields each write takes (REFERENCE §5.2), those the simulator models. Any other field,
 *  or one in another casing, is refused [I] rather than ignored. */
const USER_FIELDS = [
  "name",
  "email",
  "email_notifications",
  "is_active",
  "is_admin",
  "group_ids",
  "mfa_required",
  "role_id",
];
const GROUP_FIELDS = ["name", "user_ids"];
const PROJECT_FIELDS = [
  "name",
  "announcement",
  "show_announcement",
  "is_completed",
  "default_role_id",
  "users",
  "groups",
];

/**
 * The write methods of TestRail API v2 (REFERENCE §5.2): all POST with a JSON body, all for
 * administrators (403 otherwise), 400 `{"error": "Field :…"}` for a bad field or an unknown id.
 * A request is checked whole before anything changes, so a refused write changes nothing. Each
 * write tells the views what it changed, so the read routes answer the new state at once.
 */
export function testRailWriteRoutes(
  state: TestRailState,
  views: TestRailViews,
  settings: TestRailSimSettings,
  router = new SimRouter(),
): SimRouter {
  const requireAdmin = (r: SimRequest) => {
    if (!callerOf(state, views, r)?.is_admin) throw new SimHttpError(403, NOT_ADMIN);
  };
  const idParam = (r: SimRequest) => {
    const raw = r.params.id ?? "";
    return /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  };
  const userAt = (r: SimRequest): StoredUser => {
    const user = state.users.get(idParam(r));
    if (!user) throw new SimHttpError(400, "Field :user_id is not a valid user.");
    return user;
  };
  const groupAt = (r: SimRequest): StoredGroup => {
    const group = state.groups.get(idParam(r));
    if (!group) throw new SimHttpError(400, "Field :group_id is not a valid group.");
    return group;
  };
  const projectAt = (r: SimRequest): StoredProject => {
    const project = state.projects.get(idParam(r));
    if (!project) throw new SimHttpError(400, "Field :project_id is not a valid or accessible project.");
    return project;
  };
  const isUser = (id: number) => state.users.has(id);
  // Without a listed "No Access" role, its id is no global role a user can be given [I]. Project
  // access still takes it: get_project shows No Access by it (a default, an override set in
  // TestRail's Access tab), and what get_project shows is written back whole.
  const isGlobalRole = (id: number) =>
    state.roles.has(id) && (settings.listNoAccessRole || id !== ROLE.noAccess);
  const isRole = (id: number) => state.roles.has(id);
  const isGroup = (id: number) => state.groups.has(id);
  const origin = (r: SimRequest) => `http://${r.headers.host ?? "localhost"}${settings.rootPath}`;

  /** The body, refusing fields the method does not take. */
  const bodyWith = (r: SimRequest, fields: readonly string[]) => {
    const body = bodyOf(r);
    onlyFields(body, fields);
    return body;
  };
  const userAnswer = (u: StoredUser) => userJson(u, views, undefined, settings.userFields);

  /** Admin check, then the write. Writes take no query parameters. */
  const write = (handler: (r: SimRequest) => SimResponse): SimHandler =>
    takesParams([], (r) => {
      requireAdmin(r);
      return handler(r);
    });

  /** Puts the user in exactly these groups. */
  const setGroupsOf = (user: StoredUser, groupIds: readonly number[]) => {
    for (const group of state.groups.values())
      if (groupIds.includes(group.id)) group.user_ids.add(user.id);
      else group.user_ids.delete(user.id);
  };

  return router
    .post(
      "/add_user",
      write((r) => {
        const body = bodyWith(r, USER_FIELDS);
        requireField(body, "name");
        requireField(body, "email");
        const name = text(body, "name") as string;
        const address = email(body, "email") as string;
        if (views.userByEmail(address)) throw new SimHttpError(400, EMAIL_TAKEN);
        const defaultRole = [...state.roles.values()].find((role) => role.is_default)?.id ?? 0;
        const user: StoredUser = {
          id: state.nextUserId,
          name,
          email: address,
          // The distilled doc's default (REFERENCE §5.2: "is_active=false (sic — unverified)").
          is_active: flag(body, "is_active") ?? false,
          is_admin: flag(body, "is_admin") ?? false,
          role_id: idOf(body, "role_id", isGlobalRole, "role") ?? defaultRole,
          email_notifications: flag(body, "email_notifications") ?? true,
          mfa_required: flag(body, "mfa_required") ?? false,
        };
        const groupIds = idList(body, "group_ids", isGroup, "group") ?? [];
        state.nextUserId += 1;
        // No credentials: the new account signs in once it has set a password in TestRail.
        state.users.set(user.id, user);
        setGroupsOf(user, groupIds);
        views.userAdded(user);
        return { status: 200, body: userAnswer(user) };
      }),
    )
    .post(
      "/update_user/:id",
      write((r) => {
        const user = userAt(r);
        const body = bodyWith(r, USER_FIELDS);
        const name = text(body, "name");
        const address = email(body, "email");
        const other = address === undefined ? undefined : views.userByEmail(address);
        if (other && other !== user) throw new SimHttpError(400, EMAIL_TAKEN);
        const roleId = idOf(body, "role_id", isGlobalRole, "role");
        const groupIds = idList(body, "group_ids", isGroup, "group");
        const changes = {
          is_active: flag(body, "is_active"),
          is_admin: flag(body, "is_admin"),
          email_notifications: flag(body, "email_notifications"),
          mfa_required: flag(body, "mfa_required"),
        };
        // Partial: only what the body names changes (REFERENCE §5.2).
        const previous = user.email;
        if (name !== undefined) user.name = name;
        if (address !== undefined) user.email = address;
        if (roleId !== undefined) user.role_id = roleId;
        for (const [key, value] of Object.entries(changes))
          if (value !== undefined) user[key as keyof typeof changes] = value;
        if (user.email !== previous) views.emailChanged(user, previous);
        if (groupIds) setGroupsOf(user, groupIds);
        views.membershipChanged([user.id]);
        return { status: 200, body: userAnswer(user) };
      }),
    )
    .post(
      "/add_group",
      write((r) => {
        const body = bodyWith(r, GROUP_FIELDS);
        requireField(body, "name");
        const name = text(body, "name") as string;
        const userIds = idList(body, "user_ids", isUser, "user") ?? [];
        const group: StoredGroup = { id: state.nextGroupId, name, user_ids: new Set(userIds) };
        state.nextGroupId += 1;
        state.groups.set(group.id, group);
        views.membershipChanged(userIds);
        return { status: 200, body: groupJson(group) };
      }),
    )
    .post(
      "/update_group/:id",
      write((r) => {
        const group = groupAt(r);
        const body = bodyWith(r, GROUP_FIELDS);
        const name = text(body, "name");
        const userIds = idList(body, "user_ids", isUser, "user");
        if (name !== undefined) group.name = name;
        if (userIds) {
          // `user_ids` replaces the whole member list (REFERENCE §5.2).
          const next = new Set(userIds);
          const changed = [...group.user_ids, ...next].filter(
            (id) => group.user_ids.has(id) !== next.has(id),
          );
          group.user_ids = next;
          views.membershipChanged(changed);
        }
        return { status: 200, body: groupJson(group) };
      }),
    )
    .post(
      "/delete_group/:id",
      write((r) => {
        const group = groupAt(r);
        // "no body" (REFERENCE §5.2): an empty object passes, a field does not.
        bodyWith(r, []);
        state.groups.delete(group.id);
        // A deleted group's project overrides go with it [I].
        for (const project of state.projects.values()) project.groups.delete(group.id);
        views.membershipChanged(group.user_ids);
        return { status: 200 };
      }),
    )
    .post(
      "/update_project/:id",
      write((r) => {
        const project = projectAt(r);
        const body = bodyWith(r, PROJECT_FIELDS);
        const name = text(body, "name");
        const announcement = optionalText(body, "announcement");
        const showAnnouncement = flag(body, "show_announcement");
        const completed = flag(body, "is_completed");
        const defaultRole =
          body.default_role_id === null ? null : idOf(body, "default_role_id", isRole, "role");
        const users = overrides(body, "users", isUser, isRole);
        const groups = overrides(body, "groups", isGroup, isRole);

        if (name !== undefined) project.name = name;
        if (announcement !== undefined) project.announcement = announcement;
        if (showAnnouncement !== undefined) project.show_announcement = showAnnouncement;
        if (completed !== undefined) {
          project.is_completed = completed;
          project.completed_on = completed ? Math.floor(Date.now() / 1000) : null;
        }
        if (has(body, "default_role_id")) project.default_role_id = defaultRole ?? null;
        if (users) {
          // [I] `users` is taken as the project's whole override list: whoever it leaves out
          // loses their override. Undocumented; writers read, merge and write it whole.
          const next = new Map([...users].filter((e): e is [number, number] => e[1] !== null));
          const changed = new Set([...project.users.keys(), ...next.keys()]);
          project.users = next;
          views.projectChanged(project.id, changed);
        }
        if (groups) project.groups = new Map([...groups].filter((e): e is [number, number] => e[1] !== null));
        if (groups || has(body, "default_role_id")) views.projectChanged(project.id);
        return { status: 200, body: projectJson(project, state, views, origin(r)) };
      }),
    );
}
