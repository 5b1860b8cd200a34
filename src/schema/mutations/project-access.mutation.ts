import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import { RequestContext } from "../../loaders/request-context.js";
import type { SourceSession } from "../../loaders/source-session.js";
import { InputError } from "../../model/errors.js";
import type { PermissionRecord } from "../../model/records.js";
import { toGlobalId } from "../common/global-id.js";
import { expectId, expectIdsIn } from "./global-ids.js";
import {
  AssignUsersToProjectInput,
  AssignUserToProjectInput,
  UnassignUsersFromProjectInput,
} from "./mutation.inputs.js";
import { AccessPayload } from "./payload.types.js";
import { MutationStatus } from "./result.types.js";
import { allSucceeded, done, failed, type ResultBase, unsupported } from "./result-shape.js";

interface Target {
  readonly userId: string;
  readonly projectId: string;
  readonly role: string | null;
}

type AccessResultShape = ResultBase & {
  userId: string;
  projectId: string;
  role: string | null;
  permission: PermissionRecord | null;
};

function ids(session: SourceSession, target: Target) {
  return {
    userId: toGlobalId(session.sourceId, "User", target.userId),
    projectId: toGlobalId(session.sourceId, "Project", target.projectId),
    role: target.role,
  };
}

/** Checks the role against the vendor's own list (a read), then grants in as few calls as it allows. */
async function grant(
  session: SourceSession,
  targets: readonly Target[],
  roleField: string,
): Promise<AccessResultShape[]> {
  const writer = session.connector.writes?.access;
  if (!writer)
    return targets.map((t) =>
      unsupported(session, "assign users to projects", { ...ids(session, t), permission: null }),
    );
  try {
    const { names } = await writer.projectRoles(session);
    const role = targets[0]?.role ?? null;
    if (role !== null && !names.includes(role))
      throw new InputError(
        `"${role}" is not a project role in source "${session.sourceId}" (one of: ${names.join(", ")})`,
        roleField,
      );
    const answers = await writer.grant(targets, session);
    session.clear();
    return targets.map((t, i) => {
      const answer = answers[i];
      return answer instanceof Error || answer === undefined
        ? failed(session, answer, { ...ids(session, t), permission: null })
        : done(session, MutationStatus.UPDATED, { ...ids(session, t), permission: answer });
    });
  } catch (error) {
    session.clear();
    return targets.map((t) => failed(session, error, { ...ids(session, t), permission: null }));
  }
}

async function revoke(session: SourceSession, targets: readonly Target[]): Promise<AccessResultShape[]> {
  const writer = session.connector.writes?.access;
  if (!writer)
    return targets.map((t) =>
      unsupported(session, "unassign users from projects", { ...ids(session, t), permission: null }),
    );
  try {
    const answers = await writer.revoke(targets, session);
    session.clear();
    return targets.map((t, i) =>
      answers[i] instanceof Error
        ? failed(session, answers[i], { ...ids(session, t), permission: null })
        : done(session, MutationStatus.DELETED, { ...ids(session, t), permission: null }),
    );
  } catch (error) {
    session.clear();
    return targets.map((t) => failed(session, error, { ...ids(session, t), permission: null }));
  }
}

const payload = (results: AccessResultShape[]) => ({ results, ok: allSucceeded(results) });

@Resolver()
export class ProjectAccessMutation {
  @Mutation(() => AccessPayload, { description: "Give one user a role on one project." })
  async assignUserToProject(
    @Arg("input", () => AssignUserToProjectInput) input: AssignUserToProjectInput,
    @Ctx() ctx: RequestContext,
  ) {
    const project = expectId(ctx, input.project, "Project", "input.project");
    const [user] = expectIdsIn(ctx, [input.user], "User", "input.user", project.sourceId);
    const target = {
      userId: (user as { remoteId: string }).remoteId,
      projectId: project.remoteId,
      role: input.role ?? null,
    };
    return payload(await grant(ctx.session(project.sourceId), [target], "input.role"));
  }

  @Mutation(() => AccessPayload, {
    description: "Give several users one role on one project, in as few vendor calls as the vendor allows.",
  })
  async assignUsersToProject(
    @Arg("input", () => AssignUsersToProjectInput) input: AssignUsersToProjectInput,
    @Ctx() ctx: RequestContext,
  ) {
    const project = expectId(ctx, input.project, "Project", "input.project");
    const users = expectIdsIn(ctx, input.users, "User", "input.users", project.sourceId);
    const targets = users.map((u) => ({
      userId: u.remoteId,
      projectId: project.remoteId,
      role: input.role ?? null,
    }));
    return payload(await grant(ctx.session(project.sourceId), targets, "input.role"));
  }

  @Mutation(() => AccessPayload, { description: "Take users off a project (their role there is removed)." })
  async unassignUsersFromProject(
    @Arg("input", () => UnassignUsersFromProjectInput) input: UnassignUsersFromProjectInput,
    @Ctx() ctx: RequestContext,
  ) {
    const project = expectId(ctx, input.project, "Project", "input.project");
    const users = expectIdsIn(ctx, input.users, "User", "input.users", project.sourceId);
    const targets = users.map((u) => ({ userId: u.remoteId, projectId: project.remoteId, role: null }));
    return payload(await revoke(ctx.session(project.sourceId), targets));
  }
}
