import { InputError } from "../../../model/errors.js";
import type { PermissionRecord } from "../../../model/records.js";
import type { BatchResult, RequestScope } from "../../connector.js";
import type { AccessWriter, ProjectGrant, ProjectRevocation } from "../../connector-writes.js";
import { SQUASH_PERMISSION_GROUPS } from "../levels.js";
import { toUserPermissions } from "../mapper.js";
import { userPermissions } from "../payloads.js";
import type { WriteContext } from "./context.js";
import { type PerProject, writeUserProjects } from "./user-projects.js";

/** The seven permission groups `POST /users/{id}/permissions/{permissionGroup}` takes (seed page
 *  "Add permissions to user"). Squash has no default one. */
const GROUPS = Object.keys(SQUASH_PERMISSION_GROUPS);

function checkRole(role: string | null): string {
  if (role === null)
    throw new InputError(
      `Squash TM has no default permission group: name one of ${GROUPS.join(", ")}`,
      "input.role",
    );
  if (!GROUPS.includes(role))
    throw new InputError(
      `"${role}" is not a Squash TM permission group (one of: ${GROUPS.join(", ")})`,
      "input.role",
    );
  return role;
}

/** Targets grouped by what one call can carry (same key), each project once. */
function batches<T extends { userId: string; projectId: string }>(
  targets: readonly T[],
  keyOf: (t: T) => string,
) {
  const groups = new Map<string, T[]>();
  for (const t of targets) groups.set(keyOf(t), [...(groups.get(keyOf(t)) ?? []), t]);
  return [...groups.values()].map((members) => ({
    first: members[0] as T,
    projectIds: [...new Set(members.map((m) => m.projectId))],
  }));
}

async function grant(
  ctx: WriteContext,
  grants: readonly ProjectGrant[],
  scope: RequestScope,
): BatchResult<PermissionRecord> {
  for (const g of grants) checkRole(g.role);
  // One call per user and permission group, with every project id: `?ids=p1,p2`.
  const calls = batches(grants, (g) => JSON.stringify([g.userId, g.role]));
  const answers = new Map<string, PerProject<PermissionRecord>>();
  await Promise.all(
    calls.map(async ({ first, projectIds }) => {
      const role = first.role as string;
      const result = await writeUserProjects(ctx, scope, first.userId, projectIds, {
        async send(ids) {
          const raw = userPermissions(await ctx.client.addPermissions(first.userId, role, ids), ctx.sourceId);
          const granted = toUserPermissions(raw, first.userId, ctx.sourceId).filter((p) => p.role === role);
          return new Map(granted.map((p) => [p.projectId as string, p]));
        },
        settle: (held, projectId) => (held.get(projectId)?.role === role ? held.get(projectId) : undefined),
      });
      answers.set(JSON.stringify([first.userId, role]), result);
    }),
  );
  return grants.map(
    (g) =>
      answers.get(JSON.stringify([g.userId, g.role]))?.get(g.projectId) ??
      new Error(`no answer for project ${g.projectId}`),
  );
}

async function revoke(
  ctx: WriteContext,
  revocations: readonly ProjectRevocation[],
  scope: RequestScope,
): BatchResult<true> {
  // One call per user, with every project id: `DELETE /users/{id}/permissions?ids=p1,p2`.
  const calls = batches(revocations, (r) => r.userId);
  const answers = new Map<string, PerProject<true>>();
  await Promise.all(
    calls.map(async ({ first, projectIds }) => {
      const result = await writeUserProjects(ctx, scope, first.userId, projectIds, {
        async send(ids) {
          await ctx.client.removePermissions(first.userId, ids);
          return new Map(ids.map((id) => [id, true as const]));
        },
        settle: (held, projectId) => (held.has(projectId) ? undefined : true),
      });
      answers.set(first.userId, result);
    }),
  );
  return revocations.map(
    (r) => answers.get(r.userId)?.get(r.projectId) ?? new Error(`no answer for project ${r.projectId}`),
  );
}

export function squashAccessWriter(ctx: WriteContext): AccessWriter {
  return {
    // The list is fixed by the API, so checking a role costs no call.
    projectRoles: async () => ({ names: GROUPS, defaultRole: null }),
    grant: (grants, scope) => grant(ctx, grants, scope),
    revoke: (revocations, scope) => revoke(ctx, revocations, scope),
  };
}
