import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import { RequestContext } from "../../loaders/request-context.js";
import { InputError } from "../../model/errors.js";
import {
  AssignUsersToProjectInput,
  AssignUsersToProjectsInput,
  AssignUserToProjectInput,
  UnassignUsersFromProjectInput,
  UnassignUsersFromProjectsInput,
} from "./mutation.inputs.js";
import { AccessPayload } from "./payload.types.js";
import { applyAccess, assignmentOf } from "./project-access.js";

function someUsers(users: readonly string[]): readonly string[] {
  if (users.length === 0) throw new InputError("`input.users` must name at least one user", "input.users");
  return users;
}

@Resolver()
export class ProjectAccessMutation {
  @Mutation(() => AccessPayload, { description: "Give one user a role on one project." })
  assignUserToProject(
    @Arg("input", () => AssignUserToProjectInput) input: AssignUserToProjectInput,
    @Ctx() ctx: RequestContext,
  ) {
    const assignment = assignmentOf(ctx, input, {
      user: "input.user",
      project: "input.project",
      role: "input.role",
    });
    return applyAccess(ctx, "grant", [assignment]);
  }

  @Mutation(() => AccessPayload, {
    description: "Give several users one role on one project, in as few vendor calls as the vendor allows.",
  })
  assignUsersToProject(
    @Arg("input", () => AssignUsersToProjectInput) input: AssignUsersToProjectInput,
    @Ctx() ctx: RequestContext,
  ) {
    return applyAccess(
      ctx,
      "grant",
      someUsers(input.users).map((user, i) =>
        assignmentOf(
          ctx,
          { user, project: input.project, role: input.role },
          { user: `input.users[${i}]`, project: "input.project", role: "input.role" },
        ),
      ),
    );
  }

  @Mutation(() => AccessPayload, {
    description:
      "Any number of (user, project, role) assignments in any sources, in one operation. Each vendor gets them grouped its cheapest way (its README says how).",
  })
  assignUsersToProjects(
    @Arg("input", () => AssignUsersToProjectsInput) input: AssignUsersToProjectsInput,
    @Ctx() ctx: RequestContext,
  ) {
    return applyAccess(
      ctx,
      "grant",
      input.assignments.map((a, i) =>
        assignmentOf(ctx, a, {
          user: `input.assignments[${i}].user`,
          project: `input.assignments[${i}].project`,
          role: `input.assignments[${i}].role`,
        }),
      ),
    );
  }

  @Mutation(() => AccessPayload, { description: "Take users off a project (their role there is removed)." })
  unassignUsersFromProject(
    @Arg("input", () => UnassignUsersFromProjectInput) input: UnassignUsersFromProjectInput,
    @Ctx() ctx: RequestContext,
  ) {
    return applyAccess(
      ctx,
      "revoke",
      someUsers(input.users).map((user, i) =>
        assignmentOf(
          ctx,
          { user, project: input.project },
          { user: `input.users[${i}]`, project: "input.project", role: "input.role" },
        ),
      ),
    );
  }

  @Mutation(() => AccessPayload, {
    description: "Take users off projects, any number of (user, project) pairs in any sources.",
  })
  unassignUsersFromProjects(
    @Arg("input", () => UnassignUsersFromProjectsInput) input: UnassignUsersFromProjectsInput,
    @Ctx() ctx: RequestContext,
  ) {
    return applyAccess(
      ctx,
      "revoke",
      input.assignments.map((a, i) =>
        assignmentOf(ctx, a, {
          user: `input.assignments[${i}].user`,
          project: `input.assignments[${i}].project`,
          role: `input.assignments[${i}].role`,
        }),
      ),
    );
  }
}
