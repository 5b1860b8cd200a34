import { InputError, isNotFound } from "../../../model/errors.js";
import type { PermissionRecord } from "../../../model/records.js";
import type { BatchResult, RequestScope } from "../../connector.js";
import type {
  AccessWriter,
  GrantOutcome,
  ProjectGrant,
  ProjectRevocation,
  RevokeOutcome,
} from "../../connector-writes.js";
import { isSquashId } from "../ids.js";
import { SQUASH_PERMISSION_GROUPS } from "../levels.js";
import { toUserPermissions } from "../mapper.js";
import { userPermissions } from "../payloads.js";
import { asNotFound, type WriteContext } from "./context.js";
import { writeUserProjects } from "./user-projects.js";

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

/** What the user holds on these projects now, by project id (the way this instance serves it),
 *  or why it can't be read; unknown ids are left to the write, which explains them (user-projects). */
async function heldBefore(
  ctx: WriteContext,
  userId: string,
  projectIds: readonly string[],
): Promise<ReadonlyMap<string, PermissionRecord> | Error> {
  const ids = projectIds.filter(isSquashId);
  if (!isSquashId(userId) || ids.length === 0) return new Map();
  return ctx.heldOn(userId, ids).catch((error: unknown) => asNotFound(ctx, error, "User", userId) as Error);
}

/** A held permission's own record, or the PerProject map's error: an answer for one project. */
type Answer<T> = T | Error;

async function grant(
  ctx: WriteContext,
  grants: readonly ProjectGrant[],
  scope: RequestScope,
): BatchResult<GrantOutcome> {
  for (const g of grants) checkRole(g.role);
  // One call per user and permission group, with every project id not already held so: `?ids=p1,p2`.
  const calls = batches(grants, (g) => JSON.stringify([g.userId, g.role]));
  const answers = new Map<string, Map<string, Answer<GrantOutcome>>>();
  await Promise.all(
    calls.map(async ({ first, projectIds }) => {
      const role = first.role as string;
      const out = new Map<string, Answer<GrantOutcome>>();
      answers.set(JSON.stringify([first.userId, role]), out);
      const before = await heldBefore(ctx, first.userId, projectIds);
      if (before instanceof Error) {
        for (const id of projectIds) out.set(id, before);
        return;
      }
      const toSend = projectIds.filter((id) => before.get(id)?.role !== role);
      for (const id of projectIds)
        if (!toSend.includes(id))
          out.set(id, { status: "UNCHANGED", permission: before.get(id) as PermissionRecord });
      if (toSend.length === 0) return;
      const result = await writeUserProjects(ctx, scope, first.userId, toSend, {
        async send(ids) {
          const raw = userPermissions(await ctx.client.addPermissions(first.userId, role, ids), ctx.sourceId);
          const granted = toUserPermissions(raw, first.userId, ctx.sourceId).filter((p) => p.role === role);
          return new Map(granted.map((p) => [p.projectId as string, p]));
        },
        settle: (held, projectId) => (held.get(projectId)?.role === role ? held.get(projectId) : undefined),
      });
      for (const [id, answer] of result)
        out.set(
          id,
          answer instanceof Error
            ? answer
            : { status: before.has(id) ? "UPDATED" : "CREATED", permission: answer },
        );
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
): BatchResult<RevokeOutcome> {
  // One call per user, with every project id the user holds: `DELETE /users/{id}/permissions?ids=p1,p2`.
  const calls = batches(revocations, (r) => r.userId);
  const answers = new Map<string, Map<string, Answer<RevokeOutcome>>>();
  await Promise.all(
    calls.map(async ({ first, projectIds }) => {
      const out = new Map<string, Answer<RevokeOutcome>>();
      answers.set(first.userId, out);
      const before = await heldBefore(ctx, first.userId, projectIds);
      if (before instanceof Error) {
        for (const id of projectIds) out.set(id, before);
        return;
      }
      // A project the user holds nothing on is already as asked (UNCHANGED), when it exists; ids
      // that name nothing are left to the write, which says which (a 404 explained by reads).
      const notHeld = projectIds.filter(
        (id) => isSquashId(id) && isSquashId(first.userId) && !before.has(id),
      );
      const loaded = notHeld.length > 0 ? await scope.loadProjects(notHeld) : [];
      const unchanged = new Set(notHeld.filter((_id, i) => !isNotFound(loaded[i])));
      for (const id of unchanged) out.set(id, "UNCHANGED");
      const toSend = projectIds.filter((id) => !unchanged.has(id));
      if (toSend.length === 0) return;
      const result = await writeUserProjects(ctx, scope, first.userId, toSend, {
        async send(ids) {
          await ctx.client.removePermissions(first.userId, ids);
          return new Map(ids.map((id) => [id, "DELETED" as const]));
        },
        settle: (held, projectId) => (held.has(projectId) ? undefined : "DELETED"),
      });
      for (const [id, answer] of result) out.set(id, answer);
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
