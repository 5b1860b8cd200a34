import { Field, ID, InterfaceType, ObjectType } from "type-graphql";
import { Group } from "../group/group.type.js";
import { Permission } from "../permission/permission.type.js";
import { Source } from "../source/source.type.js";
import { Team } from "../team/team.type.js";
import { User } from "../user/user.type.js";
import { MutationError, MutationStatus } from "./result.types.js";

/** What every mutation result says: which source, what happened, and why not. */
@InterfaceType("MutationResult", { description: "One source's (or one target's) outcome of a mutation." })
export abstract class ResultFields {
  @Field(() => Source, { description: "The source this result is about." })
  source!: Source;

  @Field(() => MutationStatus)
  status!: MutationStatus;

  @Field(() => MutationError, { nullable: true })
  error!: MutationError | null;

  @Field(() => [String], {
    description: "Done, but not quite as asked: e.g. a password this vendor can't set.",
  })
  warnings!: string[];
}

@ObjectType({
  simpleResolvers: true,
  implements: ResultFields,
  description: "One source's answer to a user mutation: the user as it now stands, or why not.",
})
export class UserResult extends ResultFields {
  @Field(() => User, {
    nullable: true,
    description: "The user as it now stands (the existing one for ALREADY_EXISTS).",
  })
  user!: unknown;
}

@ObjectType({
  simpleResolvers: true,
  implements: ResultFields,
  description: "One target's answer to an access mutation (one user on one project).",
})
export class AccessResult extends ResultFields {
  @Field(() => ID, { description: "The user's global ID." })
  userId!: string;

  @Field(() => ID, { description: "The project's global ID." })
  projectId!: string;

  @Field(() => String, { nullable: true, description: "The role asked for (null: the vendor's default)." })
  role!: string | null;

  @Field(() => Permission, {
    nullable: true,
    description: "The permission as it now stands (null after an unassign).",
  })
  permission!: unknown;
}

@ObjectType({
  simpleResolvers: true,
  implements: ResultFields,
  description: "A user's team memberships after a subscribe or unsubscribe.",
})
export class TeamMembershipResult extends ResultFields {
  @Field(() => User, { nullable: true })
  user!: unknown;

  @Field(() => [Team], { nullable: true, description: "All the user's teams after the change." })
  teams!: unknown[] | null;
}

@ObjectType({
  simpleResolvers: true,
  implements: ResultFields,
  description: "A group as it now stands, or why not.",
})
export class GroupResult extends ResultFields {
  @Field(() => Group, { nullable: true })
  group!: unknown;
}

@ObjectType({
  simpleResolvers: true,
  implements: ResultFields,
  description: "One deleted object (or why not).",
})
export class DeleteResult extends ResultFields {
  @Field(() => ID, { description: "The global ID that was (or was to be) deleted." })
  id!: string;
}

function payload<T>(ResultType: new () => T, name: string, description: string) {
  @ObjectType(name, { simpleResolvers: true, description })
  class Payload {
    @Field(() => [ResultType], { description: "One result per targeted source (or per target within it)." })
    results!: T[];

    @Field({ description: "True when no result FAILED (ALREADY_EXISTS and UNCHANGED count as done)." })
    ok!: boolean;
  }
  return Payload;
}

export const UserPayload = payload(UserResult, "UserPayload", "Per-source results of a user mutation.");
export const AccessPayload = payload(
  AccessResult,
  "AccessPayload",
  "Per-target results of a project access mutation.",
);
export const TeamMembershipPayload = payload(
  TeamMembershipResult,
  "TeamMembershipPayload",
  "Results of a team membership change.",
);
export const GroupPayload = payload(GroupResult, "GroupPayload", "Results of a group mutation.");
export const DeletePayload = payload(DeleteResult, "DeletePayload", "Per-object results of a delete.");
