import { InputError } from "../../../model/errors.js";
import type { AccessWriter } from "../../connector-writes.js";
import { notApplied } from "../../write-rules/index.js";
import { roleIdOf, toRoleInProject } from "../mapper.js";
import type { RawRole, RawUser } from "../raw-types.js";
import { FRESH, type WriteContext } from "./context.js";
import { GLOBAL_ROLE } from "./overrides.js";
import { type OverrideAnswer, writeOverrides } from "./project-access.js";
import { revocationRole } from "./revocation.js";
import { NO_ACCESS, roleNamed } from "./roles.js";

const isNoAccessName = (name: string | null | undefined) =>
  name?.trim().toLowerCase() === NO_ACCESS.toLowerCase();

/**
 * Project access through per-user role overrides (update_project `users`, Enterprise 7.3+):
 * - assign with a role: that role's override;
 * - assign without a role: "Global Role" (`role_id: 0`), so the user's own global role applies
 *   there [I] — a project default of No Access cannot leave an assigned user without access;
 * - unassign: clear the user's override where nothing else gives them access, else a "No Access"
 *   override where get_roles has that role, else UNSUPPORTED_BY_SOURCE (revocation.ts). Then
 *   TestRail's own listing (`get_users/{project_id}`) must no longer show the user with access.
 */
export function testRailAccessWriter(ctx: WriteContext): AccessWriter {
  const { reads, sourceId } = ctx;

  /** The role an override gives: its own, or for "Global Role" the user's global role. */
  const appliedRole = (answer: OverrideAnswer, roles: readonly RawRole[]) => {
    const { entry, user } = answer;
    const own = roleIdOf(entry?.project_role_id);
    if (own !== null && own !== GLOBAL_ROLE)
      return { id: own, name: entry?.project_role ?? roles.find((r) => r.id === own)?.name };
    const raw = user.raw as RawUser;
    const id = roleIdOf(entry?.global_role_id ?? raw.role_id);
    return { id, name: entry?.global_role ?? raw.role ?? roles.find((r) => r.id === id)?.name };
  };

  /** Users TestRail lists with access to the project, by id, with the role it names there. A
   *  role named No Access is no access (the level NONE it reads as). */
  const listedWithAccess = async (projectId: string) => {
    const members = await reads.projectMembers(projectId, FRESH);
    return new Map(members.filter((m) => !isNoAccessName(m.role)).map((m) => [String(m.id), m.role ?? null]));
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
        const roleId = role?.id ?? GLOBAL_ROLE;
        return { userId: g.userId, projectId: g.projectId, role: () => roleId };
      });
      const answers = await writeOverrides(ctx, targets, scope);
      return answers.map((answer, i) => {
        if (answer instanceof Error) return answer;
        const target = targets[i] as (typeof targets)[number];
        if (!answer.entry)
          return notApplied(ctx, `did not keep user ${target.userId}'s role on project ${target.projectId}`);
        const role = appliedRole(answer, roles);
        if (!role.name) return notApplied(ctx, `named no role for user ${target.userId}`);
        const permission = toRoleInProject(
          target.userId,
          target.projectId,
          answer.project,
          { id: role.id, name: role.name },
          sourceId,
          levels,
        );
        // What the user's own override was: none (a new assignment), another, or this one (nothing sent).
        const status =
          answer.previous === null ? "CREATED" : answer.previous === answer.role ? "UNCHANGED" : "UPDATED";
        return { status, permission } as const;
      });
    },

    async revoke(revocations, scope) {
      const roles = await reads.roles(scope);
      const noAccess = roleNamed(roles, NO_ACCESS);
      const choose = revocationRole(ctx, roles, noAccess);
      const answers = await writeOverrides(
        ctx,
        revocations.map((r) => ({ ...r, role: choose })),
        scope,
      );
      // TestRail's precedence of user, group and default access is not documented [I]: the
      // revocation stands when the project's listing no longer shows the user with access.
      const written = revocations.filter((_, i) => !(answers[i] instanceof Error));
      const listings = new Map(
        await Promise.all(
          [...new Set(written.map((r) => r.projectId))].map(
            async (p) => [p, await listedWithAccess(p).catch((e: unknown) => e as Error)] as const,
          ),
        ),
      );
      return answers.map((answer, i) => {
        if (answer instanceof Error) return answer;
        const { userId, projectId } = revocations[i] as (typeof revocations)[number];
        if (roleIdOf(answer.entry?.project_role_id) !== answer.role)
          return notApplied(ctx, `kept another role for user ${userId} on project ${projectId}`);
        const listing = listings.get(projectId);
        if (listing instanceof Error) return listing;
        if (listing?.has(userId))
          return notApplied(
            ctx,
            `still lists user ${userId} on project ${projectId}, with the role ${listing.get(userId) ?? "(unnamed)"}, after their own access there was ${answer.role === null ? "cleared" : `set to ${NO_ACCESS}`}: a group's access or the project's default access still applies. Set the user's access to No Access in the project's Access tab in TestRail`,
          );
        // Their own override already was what revoking sets (and TestRail lists no access): nothing sent.
        return answer.previous === answer.role ? "UNCHANGED" : "DELETED";
      });
    },
  };
}
