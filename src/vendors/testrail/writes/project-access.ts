import { UnsupportedError } from "../../../model/errors.js";
import type { ProjectRecord, UserRecord } from "../../../model/records.js";
import type { RequestScope } from "../../connector.js";
import { sendOnceThenSettle } from "../../write-rules/index.js";
import { toProject } from "../mapper.js";
import type { RawProject, RawProjectUser } from "../raw-types.js";
import { FRESH, type WriteContext } from "./context.js";
import {
  holdsOverrides,
  mergeOverrides,
  type OverrideRole,
  overridesBody,
  overridesOf,
  sameOverrides,
} from "./overrides.js";

/**
 * One user's wanted override on one project: a role id, null to clear it, or why it cannot be set.
 * Chosen once the project's access as it stands is read (`get_project`), since what revoking
 * needs depends on the project's default access and its group overrides.
 */
export interface OverrideTarget {
  readonly userId: string;
  readonly projectId: string;
  readonly role: (project: RawProject, user: UserRecord) => OverrideRole | Error;
}

/** A target as it now stands: the project after the write and the user's override there (null:
 *  TestRail shows none). */
export interface OverrideAnswer {
  /** The override asked for (null: cleared). */
  readonly role: OverrideRole;
  /** The user's own override before the write (null: none shown, or shown without a role). */
  readonly previous: OverrideRole;
  readonly project: ProjectRecord;
  readonly entry: RawProjectUser | null;
  readonly user: UserRecord;
}

/**
 * Sets per-user role overrides with update_project's `users` (Enterprise 7.3+, REFERENCE §5.2):
 * per project, one get_project (the overrides as they stand) and at most one update_project
 * carrying the whole merged list, however many users the call names — none when nothing changes.
 * Users are checked first in one batched load: TestRail would refuse the whole list for one bad id.
 * Projects are written concurrently. A read-merge-write is not atomic: a change made in TestRail
 * between the read and the write is overwritten (TestRail offers no version to guard it).
 */
export async function writeOverrides(
  ctx: WriteContext,
  targets: readonly OverrideTarget[],
  scope: RequestScope,
): Promise<Array<OverrideAnswer | Error>> {
  const { client, sourceId, vendor } = ctx;
  const userIds = [...new Set(targets.map((t) => t.userId))];
  const loaded = await scope.loadUsers(userIds);
  const userOf = new Map(userIds.map((id, i) => [id, loaded[i] as UserRecord | Error]));
  const out: Array<OverrideAnswer | Error | undefined> = targets.map((t) => {
    const user = userOf.get(t.userId);
    return user instanceof Error ? user : undefined;
  });

  const byProject = new Map<string, number[]>();
  targets.forEach((t, i) => {
    if (out[i] === undefined) byProject.set(t.projectId, [...(byProject.get(t.projectId) ?? []), i]);
  });

  await Promise.all(
    [...byProject].map(async ([projectId, indexes]) => {
      try {
        const before = await client.getProject(projectId, FRESH);
        if (!before.users)
          throw new UnsupportedError(
            sourceId,
            vendor,
            `${vendor} (source "${sourceId}") cannot set a user's access to project ${projectId}: its get_project shows no per-user access, which needs TestRail Enterprise 7.3 or later. Set it in the project's Access tab in TestRail`,
          );
        // A user named twice gets the later role.
        const wanted = new Map<number, OverrideRole>();
        const writing = new Map<number, OverrideRole>();
        for (const i of indexes) {
          const target = targets[i] as OverrideTarget;
          const role = target.role(before, userOf.get(target.userId) as UserRecord);
          if (role instanceof Error) out[i] = role;
          else {
            wanted.set(Number(target.userId), role);
            writing.set(i, role);
          }
        }
        if (writing.size === 0) return;
        const current = overridesOf(before);
        const next = mergeOverrides(current, wanted);
        const after = sameOverrides(current, next)
          ? before
          : await sendOnceThenSettle(
              () => client.updateProject(projectId, overridesBody(next)),
              async () => {
                const now = await client.getProject(projectId, FRESH);
                return holdsOverrides(now, wanted) ? now : null;
              },
            );
        const project = toProject(after, sourceId);
        for (const [i, role] of writing) {
          const userId = targets[i]?.userId as string;
          const entry = after.users?.find((u) => String(u.id) === userId) ?? null;
          const previous = current.get(Number(userId)) ?? null;
          out[i] = { role, previous, project, entry, user: userOf.get(userId) as UserRecord };
        }
      } catch (error) {
        const failure = error instanceof Error ? error : new Error(String(error));
        for (const i of indexes) if (out[i] === undefined) out[i] = failure;
      }
    }),
  );
  return out as Array<OverrideAnswer | Error>;
}
