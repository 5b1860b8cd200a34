import { UnsupportedError } from "../../../model/errors.js";
import type { UserRecord } from "../../../model/records.js";
import { roleIdOf } from "../mapper.js";
import type { RawProject, RawRole, RawUser } from "../raw-types.js";
import type { WriteContext } from "./context.js";
import { GLOBAL_ROLE, type OverrideRole } from "./overrides.js";
import { NO_ACCESS } from "./roles.js";

/**
 * How to take one user off one project, given the project's access as get_project shows it
 * (7.3+: `default_role_id`/`default_role`, `groups[{id, role_id, role}]`, Enterprise `users`):
 *
 * 1. Clear the user's own override (`role_id: null`) when nothing else gives them access there:
 *    the project's default access is "No Access" and none of their groups has an override other
 *    than No Access. Needs no "No Access" role at all.
 * 2. Otherwise, a "No Access" override, when `get_roles` lists a role of that name (TestRail's
 *    `get_roles` need not list it: "No Access" is a choice of the project's Access tab).
 * 3. Otherwise TestRail's API cannot do it: UNSUPPORTED_BY_SOURCE saying why and what to do.
 *
 * "No Access" is recognised by name (`default_role`, a group's `role`) or, where `get_roles` has
 * it, by id. Where get_project does not say (no `default_role`, no `groups`, a user payload
 * without `group_ids` while some group has access), clearing is not taken to be enough [I]: a
 * revocation is answered only when TestRail's own listing agrees (see access.ts).
 */
export function revocationRole(
  ctx: WriteContext,
  roles: readonly RawRole[],
  noAccess: RawRole | undefined,
): (project: RawProject, user: UserRecord) => OverrideRole | Error {
  const isNoAccess = (id: number | string | null | undefined, name: string | null | undefined) =>
    name?.trim().toLowerCase() === NO_ACCESS.toLowerCase() ||
    (noAccess !== undefined && roleIdOf(id) === noAccess.id);
  const roleName = (id: number | string | null | undefined, name: string | null | undefined) =>
    name ?? roles.find((r) => r.id === roleIdOf(id))?.name ?? null;

  /** What else gives the user access to the project, or null when nothing does. */
  const otherAccess = (project: RawProject, user: UserRecord): string | null => {
    const defaultId = roleIdOf(project.default_role_id);
    const defaultName = roleName(project.default_role_id, project.default_role);
    if (!isNoAccess(defaultId, defaultName)) {
      if (defaultId === null && defaultName === null)
        return project.default_role_id === undefined && project.default_role === undefined
          ? "get_project does not say what the project's default access is"
          : "the project's default access is Global Role (each user's own role)";
      return defaultId === GLOBAL_ROLE
        ? "the project's default access is Global Role (each user's own role)"
        : `the project's default access gives every user the role ${defaultName ?? `#${defaultId}`}`;
    }
    if (!project.groups) return "get_project does not show which groups have access to the project";
    const groupAccess = project.groups.filter((g) => !isNoAccess(g.role_id, g.role));
    if (groupAccess.length === 0) return null;
    const groupIds = (user.raw as RawUser).group_ids;
    if (!groupIds) return "TestRail does not say which groups the user is in, and some groups have access";
    const viaGroup = groupAccess.find((g) => groupIds.includes(g.id));
    if (!viaGroup) return null;
    const role =
      roleIdOf(viaGroup.role_id) === GLOBAL_ROLE ? "Global Role" : roleName(viaGroup.role_id, viaGroup.role);
    return `their group ${viaGroup.id} has access there (${role ?? "a role"})`;
  };

  return (project, user) => {
    const other = otherAccess(project, user);
    if (other === null) return null;
    if (noAccess) return noAccess.id;
    const { sourceId, vendor } = ctx;
    return new UnsupportedError(
      sourceId,
      vendor,
      `${vendor} (source "${sourceId}") cannot take user ${user.remoteId} off project ${project.id} ("${project.name}"): clearing their own access is not enough, as ${other}, and its get_roles lists no "${NO_ACCESS}" role to set instead. Set the user's access to No Access in the project's Access tab in TestRail`,
    );
  };
}
