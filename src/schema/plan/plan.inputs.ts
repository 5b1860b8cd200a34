import { Field, ID, InputType, registerEnumType } from "type-graphql";

export enum OffboardingModeValue {
  DEACTIVATE = "DEACTIVATE",
  REMOVE_ACCESS = "REMOVE_ACCESS",
  DELETE_WHERE_POSSIBLE = "DELETE_WHERE_POSSIBLE",
}

registerEnumType(OffboardingModeValue, {
  name: "OffboardingMode",
  valuesConfig: {
    DEACTIVATE: { description: "Every active account deactivated, where the vendor can." },
    REMOVE_ACCESS: {
      description:
        "Every project role, group and team membership removed; accounts kept. Access through a group or team goes by leaving it.",
    },
    DELETE_WHERE_POSSIBLE: {
      description:
        "Deleted where the vendor deletes; else deactivated; else a step marked impossible with why.",
    },
  },
});

@InputType()
export class PlanOffboardingInput {
  @Field({ description: "The person: an email (any case), or a Person's id." })
  person!: string;

  @Field(() => OffboardingModeValue)
  mode!: OffboardingModeValue;

  @Field(() => [ID], { nullable: true, description: "Only these sources; default: every source." })
  sources?: string[] | null;
}

@InputType({ description: "A role on a project in one source." })
export class OnboardingGrantInput {
  @Field(() => ID)
  source!: string;

  @Field({ description: "The project's name (as the vendor names it), id or global ID." })
  project!: string;

  @Field(() => String, { nullable: true, description: "The vendor's role name; default: its default role." })
  role?: string | null;
}

@InputType({ description: "A group to be in, in one source." })
export class OnboardingGroupInput {
  @Field(() => ID)
  source!: string;

  @Field({ description: "The group's name, id or global ID." })
  group!: string;
}

@InputType({ description: "A team to be in, in one source." })
export class OnboardingTeamInput {
  @Field(() => ID)
  source!: string;

  @Field({ description: "The team's name, id or global ID." })
  team!: string;
}

@InputType()
export class PlanOnboardingInput {
  @Field({ description: "The person's email: their accounts are found, or created, by it." })
  email!: string;

  @Field(() => String, { nullable: true, description: "Required when the plan creates an account." })
  firstName?: string | null;

  @Field(() => String, { nullable: true, description: "Required when the plan creates an account." })
  lastName?: string | null;

  @Field(() => String, { nullable: true, description: "A template's name (config `templates`)." })
  template?: string | null;

  @Field(() => [OnboardingGrantInput], { nullable: true })
  grants?: OnboardingGrantInput[] | null;

  @Field(() => [OnboardingGroupInput], { nullable: true })
  groups?: OnboardingGroupInput[] | null;

  @Field(() => [OnboardingTeamInput], { nullable: true })
  teams?: OnboardingTeamInput[] | null;

  @Field(() => [ID], {
    nullable: true,
    description:
      "Where the person should have accounts; default: every source the grants, groups, teams or template name. A template's entries for other sources are left out.",
  })
  sources?: string[] | null;
}

@InputType()
export class ApplyPlanInput {
  @Field(() => ID)
  plan!: string;

  @Field(() => String, {
    nullable: true,
    description:
      "The initial password of the accounts the plan creates, where the vendor takes one (some require one). Used for this apply only: never stored, never recorded.",
  })
  initialPassword?: string | null;
}
