import { isNotFound } from "../../../model/errors.js";
import type { PermissionRecord } from "../../../model/records.js";
import type { RequestScope } from "../../connector.js";
import { notApplied, outcomeUnknown } from "../../write-rules/index.js";
import { isSquashId } from "../ids.js";
import { notFound, type WriteContext } from "./context.js";

/** Per project id: the answer, or why not. */
export type PerProject<T> = Map<string, T | Error>;

export interface UserProjectsWrite<T> {
  /** The one call for this user and these projects; answers what it confirms, by project id. */
  send(projectIds: readonly string[]): Promise<Map<string, T>>;
  /** The answer for a project given the user's permissions as they stand, or undefined when not done. */
  settle(held: ReadonlyMap<string, PermissionRecord>, projectId: string): T | undefined;
}

/** What the user holds on these projects now, by project id, read the way the instance serves
 *  (`GET /users/{id}/permissions`, else the projects' own reads); null when unreadable. */
async function heldNow(
  ctx: WriteContext,
  userId: string,
  projectIds: readonly string[],
): Promise<ReadonlyMap<string, PermissionRecord> | null> {
  return ctx.heldOn(userId, projectIds).catch(() => null);
}

/** After a 404: whether the user or which projects are unknown (reads through the request's loaders). */
async function unknownIds(
  ctx: WriteContext,
  scope: RequestScope,
  userId: string,
  projectIds: readonly string[],
): Promise<{ missing: PerProject<never>; known: string[] }> {
  const [user] = await scope.loadUsers([userId]);
  if (user instanceof Error)
    return {
      missing: new Map(projectIds.map((id) => [id, isNotFound(user) ? notFound(ctx, "User", userId) : user])),
      known: [],
    };
  const projects = await scope.loadProjects(projectIds);
  const missing: PerProject<never> = new Map();
  const known: string[] = [];
  projectIds.forEach((id, i) => {
    const project = projects[i];
    if (project instanceof Error && isNotFound(project)) missing.set(id, notFound(ctx, "Project", id));
    else known.push(id);
  });
  return { missing, known };
}

/**
 * One write for one user and a list of projects (`…/permissions[/{group}]?ids=p1,p2`), kept to the
 * write contract: sent once; an unknown outcome settled by reading the user's permissions back; a
 * 404 (Squash refuses the whole list when the user or one project is unknown [I]) explained by
 * reads, then the known projects sent once more — only when an unknown id was found, since
 * resending the same list would be a blind retry.
 */
export async function writeUserProjects<T>(
  ctx: WriteContext,
  scope: RequestScope,
  userId: string,
  projectIds: readonly string[],
  write: UserProjectsWrite<T>,
  narrow = true,
): Promise<PerProject<T>> {
  const out: PerProject<T> = new Map();
  const ids = projectIds.filter(isSquashId);
  for (const id of projectIds) if (!isSquashId(id)) out.set(id, notFound(ctx, "Project", id));
  if (!isSquashId(userId)) {
    for (const id of ids) out.set(id, notFound(ctx, "User", userId));
    return out;
  }
  if (ids.length === 0) return out;

  let failure: unknown;
  let unsettled: string[] = [];
  try {
    const answered = await write.send(ids);
    for (const [id, value] of answered) out.set(id, value);
    unsettled = ids.filter((id) => !answered.has(id));
    failure = notApplied(ctx, "did not confirm the change");
  } catch (error) {
    failure = error;
    unsettled = ids;
    if (isNotFound(error) && narrow) {
      const { missing, known } = await unknownIds(ctx, scope, userId, ids);
      if (missing.size > 0) {
        for (const [id, why] of missing) out.set(id, why);
        const again =
          known.length > 0 ? await writeUserProjects(ctx, scope, userId, known, write, false) : [];
        for (const [id, result] of again) out.set(id, result);
        return out;
      }
    }
    if (!outcomeUnknown(error)) {
      for (const id of ids) out.set(id, error as Error);
      return out;
    }
  }
  if (unsettled.length === 0) return out;
  const held = await heldNow(ctx, userId, unsettled);
  for (const id of unsettled) out.set(id, (held && write.settle(held, id)) ?? (failure as Error));
  return out;
}
