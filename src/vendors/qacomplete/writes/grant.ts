import { InputError, NotFoundError } from "../../../model/errors.js";
import type { ProjectRecord } from "../../../model/records.js";
import { eachKey } from "../../batch.js";
import type { RequestScope } from "../../connector.js";
import type { GrantOutcome, ProjectGrant } from "../../connector-writes.js";
import { toProjectPermissions } from "../mapper.js";
import { isQacId } from "../pushdown.js";
import type { QacWriteContext } from "./context.js";
import { byUser, notShown, readGroups, writeGroups } from "./security-groups.js";

/** Why a grant can't be sent, from what the reads already told; null when it can. */
function refusal(
  ctx: QacWriteContext,
  grant: ProjectGrant,
  roles: readonly string[],
  projects: ReadonlyMap<string, ProjectRecord>,
): Error | null {
  const list = roles.join(", ");
  // [I] No default group is documented, and a department's groups are its own: guessing one
  // could hand out more (or less) than meant. The caller names it.
  if (grant.role === null)
    return new InputError(
      `QAComplete has no default security group: name one in \`input.role\` (source "${ctx.sourceId}": ${list})`,
      "input.role",
    );
  if (!roles.includes(grant.role))
    return new InputError(
      `"${grant.role}" is not a security group of department ${ctx.deptId} in source "${ctx.sourceId}" (one of: ${list})`,
      "input.role",
    );
  if (!isQacId(grant.userId)) return new NotFoundError(ctx.sourceId, ctx.vendor, "User", grant.userId);
  if (!projects.has(grant.projectId))
    return new NotFoundError(ctx.sourceId, ctx.vendor, "Project", grant.projectId);
  return null;
}

/**
 * `PATCH /depts/{DeptId}/users/{UserId}/securitygroups` with every (project, group) asked for the
 * user: ONE call per user however many projects, the user's other projects untouched (PATCH
 * updates, PUT would replace the list; REFERENCE §3.2). Role names and projects are checked
 * against the department's lists first (two reads, shared by the whole request), and the user's
 * groups are read first: a project already in the group asked for is UNCHANGED and not sent (a
 * user whose every project is, costs no write).
 */
export async function grant(
  ctx: QacWriteContext,
  grants: readonly ProjectGrant[],
  roleNames: (scope: RequestScope) => Promise<readonly string[]>,
  scope: RequestScope,
): Promise<Array<GrantOutcome | Error>> {
  const [roles, projects] = await Promise.all([roleNames(scope), ctx.departmentProjects(scope)]);
  const refused = grants.map((g) => refusal(ctx, g, roles, projects));
  const users = [...byUser(grants, refused)];
  const written = await eachKey(users, async ([userId, mine]) => {
    const current = await readGroups(ctx, userId);
    const before = new Map(current.map((h) => [String(h.proj_id), h.group_name ?? null]));
    // One group per project and user: a project named twice gets the last group asked.
    const groups = new Map(mine.map((g) => [g.projectId, g.role ?? ""]));
    const changing = [...groups].filter(([projectId, name]) => !sameGroup(before.get(projectId), name));
    if (changing.length === 0) return { before, after: { list: current, failure: null } };
    const body = {
      Groups: changing.map(([projectId, name]) => ({ ProjId: Number(projectId), GroupName: name })),
    };
    return { before, after: await writeGroups(ctx, userId, "PATCH", body) };
  });
  const outcome = new Map(users.map(([userId], i) => [userId, written[i]]));
  return grants.map((g, i) => {
    const refusedHere = refused[i];
    if (refusedHere) return refusedHere;
    const answer = outcome.get(g.userId);
    if (answer === undefined || answer instanceof Error)
      return answer ?? notShown(ctx, g.userId, g.projectId);
    const { before, after } = answer;
    const held = after.list?.find((h) => String(h.proj_id) === g.projectId);
    if (held && sameGroup(held.group_name, g.role ?? "")) {
      const [permission] = toProjectPermissions([held], g.userId, ctx.sourceId, projects);
      const was = before.get(g.projectId);
      const status = was === undefined ? "CREATED" : sameGroup(was, g.role ?? "") ? "UNCHANGED" : "UPDATED";
      if (permission) return { status, permission } as const;
    }
    return after.failure ?? notShown(ctx, g.userId, g.projectId);
  });
}

const sameGroup = (held: string | null | undefined, asked: string) =>
  typeof held === "string" && held.toLowerCase() === asked.toLowerCase();
