import { NotFoundError } from "../../../model/errors.js";
import { eachKey } from "../../batch.js";
import type { RequestScope } from "../../connector.js";
import type { ProjectRevocation, RevokeOutcome } from "../../connector-writes.js";
import { badResponse } from "../../http/http-errors.js";
import { isQacId } from "../pushdown.js";
import type { QacWriteContext } from "./context.js";
import { byUser, type GroupsAfterWrite, notShown, readGroups, writeGroups } from "./security-groups.js";

/** Reads the user's list and PUTs it back without the projects; no write when none is held.
 *  Answers which projects were held before, and the list after. */
async function withoutProjects(
  ctx: QacWriteContext,
  userId: string,
  projectIds: ReadonlySet<string>,
): Promise<{ held: ReadonlySet<string>; after: GroupsAfterWrite }> {
  const current = await readGroups(ctx, userId);
  const held = new Set(current.map((g) => String(g.proj_id)));
  const keep = current.filter((g) => !projectIds.has(String(g.proj_id)));
  if (keep.length === current.length) return { held, after: { list: current, failure: null } };
  // The PUT replaces the whole list: a kept project whose group the read didn't name can't be
  // sent back, and leaving it out would take that access away too.
  const unnamed = keep.find((g) => !g.group_name);
  if (unnamed)
    throw badResponse(
      ctx,
      `did not name user ${userId}'s security group on project ${unnamed.proj_id}; nothing was changed, since rewriting the user's list without it would remove that access too`,
    );
  const body = {
    Groups: keep.map((g) => ({ ProjId: Number(g.proj_id), GroupName: g.group_name as string })),
  };
  return { held, after: await writeGroups(ctx, userId, "PUT", body) };
}

/**
 * No documented call takes one project off a user: PATCH only sets groups. So per user the list
 * is read and `PUT /depts/{DeptId}/users/{UserId}/securitygroups` sends it back without those
 * projects: one read and ONE write per user however many projects. Between the two a change by
 * someone else to the same user would be overwritten; QAComplete has no version token to stop it.
 * A project the user held no group on is UNCHANGED.
 */
export async function revoke(
  ctx: QacWriteContext,
  revocations: readonly ProjectRevocation[],
  scope: RequestScope,
): Promise<Array<RevokeOutcome | Error>> {
  const projects = await ctx.departmentProjects(scope);
  const refused = revocations.map((r) => {
    if (!isQacId(r.userId)) return new NotFoundError(ctx.sourceId, ctx.vendor, "User", r.userId);
    if (!projects.has(r.projectId))
      return new NotFoundError(ctx.sourceId, ctx.vendor, "Project", r.projectId);
    return null;
  });
  const users = [...byUser(revocations, refused)];
  const written = await eachKey(users, ([userId, mine]) =>
    withoutProjects(ctx, userId, new Set(mine.map((r) => r.projectId))),
  );
  const outcome = new Map(users.map(([userId], i) => [userId, written[i]]));
  return revocations.map((r, i) => {
    const refusedHere = refused[i];
    if (refusedHere) return refusedHere;
    const answer = outcome.get(r.userId);
    if (answer === undefined || answer instanceof Error)
      return answer ?? notShown(ctx, r.userId, r.projectId);
    const { held, after } = answer;
    if (after.list && !after.list.some((h) => String(h.proj_id) === r.projectId))
      return held.has(r.projectId) ? "DELETED" : "UNCHANGED";
    return after.failure ?? notShown(ctx, r.userId, r.projectId);
  });
}
