import { ErrorCode, InputError, SourceError, UnsupportedError } from "../../../model/errors.js";
import type { AccessWriter } from "../../connector-writes.js";
import { roleIdOf, toRoleInProject } from "../mapper.js";
import type { RawRole, RawUser } from "../raw-types.js";
import type { WriteContext } from "./context.js";
import { GLOBAL_ROLE } from "./overrides.js";
import { type OverrideAnswer, writeOverrides } from "./project-access.js";
import { NO_ACCESS, roleNamed } from "./roles.js";

/**
 * Project access through per-user role overrides (update_project `users`, Enterprise 7.3+):
 * - assign with a role: that role's override;
 * - assign without a role: "Global Role" (`role_id: 0`), so the user's own global role applies
 *   there [I] — a project default of No Access cannot leave an assigned user without access;
 * - unassign: a "No Access" override. Clearing the override would not do: the project's default
 *   role or a group override could still give access.
 */
export function testRailAccessWriter(ctx: WriteContext): AccessWriter {
  const { reads, sourceId, vendor } = ctx;

  /** The role an override gives: its own, or for "Global Role" the user's global role. */
  const appliedRole = (answer: OverrideAnswer, roles: readonly RawRole[]) => {
    const { entry, user } = answer;
    const own = roleIdOf(entry.project_role_id);
    if (own !== null && own !== GLOBAL_ROLE)
      return { id: own, name: entry.project_role ?? roles.find((r) => r.id === own)?.name };
    const raw = user.raw as RawUser;
    const id = roleIdOf(entry.global_role_id ?? raw.role_id);
    return { id, name: entry.global_role ?? raw.role ?? roles.find((r) => r.id === id)?.name };
  };

  return {
    /** `get_roles`, read once per operation. A null role is "Global Role", not one named role. */
    async projectRoles(scope) {
      return { names: (await reads.roles(scope)).map((r) => r.name), defaultRole: null };
    },

    async grant(grants, scope) {
      const [roles, levels] = await Promise.all([reads.roles(scope), reads.levels(scope)]);
      const targets = grants.map((g) => {
        const role = g.role === null ? undefined : roleNamed(roles, g.role);
        if (g.role !== null && !role)
          throw new InputError(`"${g.role}" is not a project role in source "${sourceId}"`, "input.role");
        return { userId: g.userId, projectId: g.projectId, roleId: role?.id ?? GLOBAL_ROLE };
      });
      const answers = await writeOverrides(ctx, targets, scope);
      return answers.map((answer, i) => {
        if (answer instanceof Error) return answer;
        const role = appliedRole(answer, roles);
        const target = targets[i] as (typeof targets)[number];
        if (!role.name)
          return new SourceError(`Source "${sourceId}" (${vendor}) named no role for user ${target.userId}`, {
            code: ErrorCode.SOURCE_BAD_RESPONSE,
            sourceId,
            vendor,
          });
        return toRoleInProject(
          target.userId,
          target.projectId,
          answer.project,
          { id: role.id, name: role.name },
          sourceId,
          levels,
        );
      });
    },

    async revoke(revocations, scope) {
      const noAccess = roleNamed(await reads.roles(scope), NO_ACCESS);
      if (!noAccess)
        return revocations.map(
          () =>
            new UnsupportedError(
              sourceId,
              vendor,
              `Source "${sourceId}" has no "${NO_ACCESS}" role to take users off a project with`,
            ),
        );
      const targets = revocations.map((r) => ({ ...r, roleId: noAccess.id }));
      const answers = await writeOverrides(ctx, targets, scope);
      return answers.map((answer, i) => {
        if (answer instanceof Error) return answer;
        if (roleIdOf(answer.entry.project_role_id) === noAccess.id) return true;
        return new SourceError(
          `Source "${sourceId}" (${vendor}) kept another role for user ${targets[i]?.userId}`,
          { code: ErrorCode.SOURCE_BAD_RESPONSE, sourceId, vendor },
        );
      });
    },
  };
}
