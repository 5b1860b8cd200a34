import { notApplied, outcomeUnknown } from "../../write-rules/index.js";
import type { RawUserSecurityGroup, RequestUserSecurityGroups } from "../raw-types.js";
import type { QacWriteContext } from "./context.js";
import { GROUP_FIELDS, qacRefusal } from "./refusals.js";

/** One user's security groups after a write to them: the list as the vendor now holds it, and the
 *  write's own failure when its answer was lost or refused (then `list` is what a read found, or
 *  null when nothing could be read). */
export interface GroupsAfterWrite {
  readonly list: readonly RawUserSecurityGroup[] | null;
  readonly failure: Error | null;
}

/** The user's (project, group) pairs in the department, straight from the vendor. */
export function readGroups(ctx: QacWriteContext, userId: string): Promise<RawUserSecurityGroup[]> {
  return ctx.readAll((range) => ctx.client.listUserSecurityGroups(userId, range));
}

/**
 * Sends one securitygroups write once. Its answer [I] is the user's list; without one the list is
 * read. A lost answer is settled by that read too, never by a second write.
 */
export async function writeGroups(
  ctx: QacWriteContext,
  userId: string,
  method: "PATCH" | "PUT",
  body: RequestUserSecurityGroups,
): Promise<GroupsAfterWrite> {
  let answer: { results?: RawUserSecurityGroup[] } | undefined;
  try {
    answer =
      method === "PATCH"
        ? await ctx.client.patchUserSecurityGroups(userId, body)
        : await ctx.client.putUserSecurityGroups(userId, body);
  } catch (error) {
    const failure = qacRefusal(error, GROUP_FIELDS) as Error;
    if (!outcomeUnknown(error)) return { list: null, failure };
    return { list: await readGroups(ctx, userId).catch(() => null), failure };
  }
  return {
    list: Array.isArray(answer?.results) ? answer.results : await readGroups(ctx, userId),
    failure: null,
  };
}

/** The vendor answered, but its list doesn't show the change (it never should). */
export const notShown = (ctx: QacWriteContext, userId: string, projectId: string) =>
  notApplied(
    ctx,
    `accepted the security-group change of user ${userId} but does not show it on project ${projectId}`,
  );

/** The items per user, in first-seen order, leaving out the refused ones: one write per user. */
export function byUser<T extends { readonly userId: string }>(
  items: readonly T[],
  refused: ReadonlyArray<Error | null>,
): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  items.forEach((item, i) => {
    if (refused[i]) return;
    const mine = groups.get(item.userId);
    if (mine) mine.push(item);
    else groups.set(item.userId, [item]);
  });
  return groups;
}
