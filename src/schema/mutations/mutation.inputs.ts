import { Field, ID, InputType } from "type-graphql";

@InputType({ description: "A person to create on one, several or all sources that can invite." })
export class InviteUserInput {
  @Field()
  email!: string;

  @Field()
  firstName!: string;

  @Field()
  lastName!: string;

  @Field(() => String, {
    nullable: true,
    description: "The vendor login where it isn't the email; default: the email.",
  })
  login?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "Initial password where the vendor takes one (some require one; others set their own: the result warns when none was sent).",
  })
  password?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "The vendor's instance-wide role or user group by name.",
  })
  globalRole?: string | null;

  @Field(() => [ID], {
    nullable: true,
    description:
      "Groups to join, by global ID; each applies to its own source (a vendor that keeps every user in a group requires one).",
  })
  groups?: string[] | null;

  @Field(() => [ID], {
    nullable: true,
    description: "Where to create the account; default: every source that can invite.",
  })
  sources?: string[] | null;
}

@InputType()
export class UpdateUserInput {
  @Field(() => ID)
  user!: string;

  @Field(() => String, { nullable: true })
  email?: string | null;

  @Field(() => String, { nullable: true })
  firstName?: string | null;

  @Field(() => String, { nullable: true })
  lastName?: string | null;

  @Field(() => String, { nullable: true })
  login?: string | null;

  @Field(() => String, { nullable: true, description: "The vendor's instance-wide role or group by name." })
  globalRole?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "The `version` last read; a stale one is a CONFLICT (where the vendor versions its objects).",
  })
  version?: string | null;
}

@InputType()
export class SetUserActiveInput {
  @Field(() => [ID], { description: "Accounts in any sources, e.g. everything usersByEmail found." })
  users!: string[];

  @Field({ description: "False deactivates (offboarding), true reactivates." })
  active!: boolean;
}

@InputType()
export class DeleteUsersInput {
  @Field(() => [ID])
  users!: string[];
}

@InputType()
export class AssignUserToProjectInput {
  @Field(() => ID)
  user!: string;

  @Field(() => ID)
  project!: string;

  @Field(() => String, {
    nullable: true,
    description: "The vendor's role/profile/group name; default: the vendor's default.",
  })
  role?: string | null;
}

@InputType()
export class AssignUsersToProjectInput {
  @Field(() => ID)
  project!: string;

  @Field(() => [ID])
  users!: string[];

  @Field(() => String, { nullable: true })
  role?: string | null;
}

@InputType()
export class UnassignUsersFromProjectInput {
  @Field(() => ID)
  project!: string;

  @Field(() => [ID])
  users!: string[];
}

@InputType()
export class TeamMembershipInput {
  @Field(() => ID)
  user!: string;

  @Field(() => [ID])
  teams!: string[];
}

@InputType()
export class CreateGroupInput {
  @Field(() => ID, { description: "The source to create the group in." })
  source!: string;

  @Field()
  name!: string;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => [String], {
    nullable: true,
    description: "What membership grants, in the vendor's words.",
  })
  grants?: string[] | null;

  @Field(() => [ID], { nullable: true, description: "Initial members." })
  members?: string[] | null;
}

@InputType()
export class UpdateGroupInput {
  @Field(() => ID)
  group!: string;

  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => [String], { nullable: true })
  grants?: string[] | null;

  @Field(() => String, { nullable: true, description: "The `version` last read; a stale one is a CONFLICT." })
  version?: string | null;
}

@InputType()
export class DeleteGroupInput {
  @Field(() => ID)
  group!: string;
}

@InputType()
export class GroupMembersInput {
  @Field(() => ID)
  group!: string;

  @Field(() => [ID])
  users!: string[];
}

@InputType({ description: "One user on one project, with the role to hold there." })
export class ProjectAssignmentInput extends AssignUserToProjectInput {}

@InputType()
export class AssignUsersToProjectsInput {
  @Field(() => [ProjectAssignmentInput])
  assignments!: ProjectAssignmentInput[];
}

@InputType({ description: "One user to take off one project." })
export class ProjectUnassignmentInput {
  @Field(() => ID)
  user!: string;

  @Field(() => ID)
  project!: string;
}

@InputType()
export class UnassignUsersFromProjectsInput {
  @Field(() => [ProjectUnassignmentInput])
  assignments!: ProjectUnassignmentInput[];
}
