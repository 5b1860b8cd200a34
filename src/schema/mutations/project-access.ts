import type { RequestContext } from "../../loaders/request-context.js";
import type { SourceSession } from "../../loaders/source-session.js";
import { InputError } from "../../model/errors.js";
import type { PermissionRecord } from "../../model/records.js";
import { toGlobalId } from "../common/global-id.js";
import { expectId } from "./global-ids.js";
import { MutationStatus } from "./result.types.js";
import { allSucceeded, done, failed, type ResultBase, unsupported, writePerKey } from "./result-shape.js";

/** One (user, project) pair of an access mutation, with the input fields that name it. */
export interface Assignment {
  readonly userId: string;
  readonly projectId: string;
  readonly role: string | null;
  readonly roleField: string;
}

export type AccessResultShape = ResultBase & {
  userId: string;
  projectId: string;
  role: string | null;
  permission: PermissionRecord | null;
};

/** Parse (user, project) ids from the input: both must be of their type and in one source. */
export function assignmentOf(
  ctx: RequestContext,
  input: { user: string; project: string; role?: string | null },
  fields: { user: string; project: string; role: string },
): Assignment & { sourceId: string } {
  const project = expectId(ctx, input.project, "Project", fields.project);
  const user = expectId(ctx, input.user, "User", fields.user);
  if (user.sourceId !== project.sourceId)
    throw new InputError(
      `"${input.user}" is in source "${user.sourceId}", but the project is in "${project.sourceId}"`,
      fields.user,
    );
  return {
    sourceId: project.sourceId,
    userId: user.remoteId,
    projectId: project.remoteId,
    role: input.role ?? null,
    roleField: fields.role,
  };
}

function ids(session: SourceSession, a: Assignment) {
  return {
    userId: toGlobalId(session.sourceId, "User", a.userId),
    projectId: toGlobalId(session.sourceId, "Project", a.projectId),
    role: a.role,
  };
}

/**
 * Grants one source's assignments: roles are checked against the vendor's own list first (a read;
 * an unknown role fails only its own assignment), then the rest go to the writer at once, which
 * groups them into as few vendor calls as the vendor allows. Each result says what the vendor
 * found: CREATED (a new assignment), UPDATED (another role before), UNCHANGED (that role already).
 */
async function grantIn(
  session: SourceSession,
  assignments: readonly Assignment[],
): Promise<AccessResultShape[]> {
  const writer = session.connector.writes?.access;
  if (!writer)
    return assignments.map((a) =>
      unsupported(session, "projectAccess", "assign users to projects", {
        ...ids(session, a),
        permission: null,
      }),
    );
  try {
    const { names } = await writer.projectRoles(session);
    const valid = assignments.filter((a) => a.role === null || names.includes(a.role));
    const answers = valid.length > 0 ? await writer.grant(valid, session) : [];
    session.clear();
    return assignments.map((a) => {
      if (a.role !== null && !names.includes(a.role)) {
        const error = new InputError(
          `"${a.role}" is not a project role in source "${session.sourceId}" (one of: ${names.join(", ")})`,
          a.roleField,
        );
        return failed(session, error, { ...ids(session, a), permission: null });
      }
      const answer = answers[valid.indexOf(a)];
      if (answer instanceof Error || answer === undefined)
        return failed(session, answer, { ...ids(session, a), permission: null });
      // What the vendor found: a new assignment, a changed role, or the role already held.
      const result = done(session, MutationStatus[answer.status], {
        ...ids(session, a),
        permission: answer.permission,
      });
      return { ...result, warnings: [...(answer.warnings ?? [])] };
    });
  } catch (error) {
    session.clear();
    return assignments.map((a) => failed(session, error, { ...ids(session, a), permission: null }));
  }
}

function revokeIn(session: SourceSession, assignments: readonly Assignment[]): Promise<AccessResultShape[]> {
  const access = session.connector.writes?.access;
  return writePerKey({
    session,
    keys: assignments,
    write: access && (() => access.revoke(assignments, session)),
    unsupportedAs: { operation: "projectAccess", what: "unassign users from projects" },
    status: (outcome) => MutationStatus[outcome],
    shape: (a) => ({ ...ids(session, a), permission: null }),
  });
}

/** Runs assignments source by source (sources concurrently) and answers in input order. */
export async function applyAccess(
  ctx: RequestContext,
  how: "grant" | "revoke",
  assignments: ReadonlyArray<Assignment & { sourceId: string }>,
): Promise<{ results: AccessResultShape[]; ok: boolean }> {
  if (assignments.length === 0) throw new InputError("Name at least one user and project", "input");
  const sources = [...new Set(assignments.map((a) => a.sourceId))];
  const answered = new Map<Assignment, AccessResultShape>();
  await Promise.all(
    sources.map(async (sourceId) => {
      const mine = assignments.filter((a) => a.sourceId === sourceId);
      const session = ctx.session(sourceId);
      const results = await (how === "grant" ? grantIn(session, mine) : revokeIn(session, mine));
      for (const [i, a] of mine.entries()) answered.set(a, results[i] as AccessResultShape);
    }),
  );
  const results = assignments.map((a) => answered.get(a) as AccessResultShape);
  return { results, ok: allSucceeded(results) };
}
