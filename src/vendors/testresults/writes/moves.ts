import { ConflictError, InputError, SourceError } from "../../../model/errors.js";
import type { GroupRecord } from "../../../model/records.js";
import { eachKey } from "../../batch.js";
import { outcomeUnknown } from "../../write-rules/index.js";
import { type Directory, type DirectoryEntry, key } from "../directory.js";
import type { RawUser } from "../raw-types.js";
import type { WriteContext } from "./context.js";
import { vendorRefusal } from "./refusals.js";

/** A user to move, with the input field that named it. */
export interface Mover {
  readonly entry: DirectoryEntry;
  readonly field: string;
}

/** The users named, checked against the directory before anything is written. */
export function moversOf(
  ctx: WriteContext,
  directory: Directory,
  userIds: readonly string[],
  field: string,
): Mover[] {
  const seen = new Set<string>();
  const movers: Mover[] = [];
  userIds.forEach((id, i) => {
    const entry = directory.byId.get(key(id));
    if (!entry || entry.user.archived)
      throw new InputError(`User ${id} is not an account of source "${ctx.sourceId}"`, `${field}[${i}]`);
    if (seen.has(key(id))) return;
    seen.add(key(id));
    movers.push({ entry, field: `${field}[${i}]` });
  });
  return movers;
}

/**
 * A user is in exactly one group and joins another only by an Update User that names it (doc page
 * "Update User": `UserData.UserGroup.Id`). There is no batch route: one PUT per user, side by side.
 * Users already in the group are left alone. A PUT whose answer was lost is settled by reading
 * the group's list once; any other failure is reported with what did move. Answers how many
 * users moved (0: all of them were in the group already, and nothing was sent).
 */
export async function moveInto(
  ctx: WriteContext,
  group: GroupRecord,
  movers: readonly Mover[],
): Promise<number> {
  const moving = movers.filter((m) => key(m.entry.group.remoteId) !== key(group.remoteId));
  const answers = await eachKey(moving, async ({ entry, field }) => {
    try {
      await ctx.client.updateUser(entry.user.remoteId, {
        UserData: {
          DisplayName: (entry.user.raw as RawUser).DisplayName ?? null,
          Email: entry.user.email as string,
          UserGroup: { Id: group.remoteId },
          DataVersion: entry.user.version ?? null,
        },
      });
    } catch (error) {
      throw vendorRefusal(ctx, error, "User", entry.user.remoteId, undefined, field);
    }
  });
  let failures = moving.flatMap((m, i) => {
    const answer = answers[i];
    return answer instanceof Error ? [{ mover: m, error: answer }] : [];
  });
  if (failures.some((f) => outcomeUnknown(f.error))) {
    const listed = await ctx.reads
      .groupUsersOf(ctx.reads.fresh(), group.remoteId)
      .then((users) => new Set(users.map((u) => key(u.remoteId))))
      .catch(() => new Set<string>());
    failures = failures.filter(
      (f) => !(outcomeUnknown(f.error) && listed.has(key(f.mover.entry.user.remoteId))),
    );
  }
  const first = failures[0];
  if (!first) return moving.length;
  const moved = moving.length - failures.length;
  const message =
    `Moved ${moved} of ${moving.length} users into group "${group.name}"; ` +
    `${failures.map((f) => f.mover.entry.user.remoteId).join(", ")} did not move: ${first.error.message}`;
  if (first.error instanceof ConflictError)
    throw new ConflictError(ctx.sourceId, ctx.vendor, message, first.error.field);
  if (first.error instanceof SourceError)
    throw new SourceError(message, {
      code: first.error.code,
      sourceId: ctx.sourceId,
      vendor: ctx.vendor,
      httpStatus: first.error.httpStatus,
      retryable: first.error.retryable,
    });
  throw first.error;
}
