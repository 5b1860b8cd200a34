import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { StepAction } from "../../plans/plan.js";
import { DateTime } from "../common/scalars.js";
import { Source } from "../source/source.type.js";

export enum PlanKindValue {
  OFFBOARDING = "OFFBOARDING",
  ONBOARDING = "ONBOARDING",
  ACCESS = "ACCESS",
}

export enum PlanStatusValue {
  PLANNED = "PLANNED",
  APPLYING = "APPLYING",
  APPLIED = "APPLIED",
  PARTIAL = "PARTIAL",
}

export enum StepStateValue {
  PENDING = "PENDING",
  IMPOSSIBLE = "IMPOSSIBLE",
  RUNNING = "RUNNING",
  APPLIED = "APPLIED",
  SKIPPED = "SKIPPED",
  FAILED = "FAILED",
}

registerEnumType(PlanKindValue, {
  name: "PlanKind",
  description: "What a plan says should be.",
  valuesConfig: {
    OFFBOARDING: { description: "A person's access taken away (planOffboarding)." },
    ONBOARDING: { description: "A person given accounts and access (planOnboarding)." },
    ACCESS: { description: "A desired state for a set of people (planAccess)." },
  },
});

registerEnumType(PlanStatusValue, {
  name: "PlanStatus",
  valuesConfig: {
    PLANNED: { description: "Computed; nothing applied." },
    APPLYING: { description: "An apply is running (or stopped half way: applying again resumes)." },
    APPLIED: { description: "Every possible step applied, or found already so." },
    PARTIAL: { description: "Some steps failed or wait on a failed one: applying again retries them." },
  },
});

registerEnumType(StepStateValue, {
  name: "StepState",
  valuesConfig: {
    PENDING: {
      description: "Not run yet, or waiting on a step that is not done (`result.message` says which).",
    },
    IMPOSSIBLE: {
      description:
        "The vendor can't do it, or its state could not be read: `reason` says why. Never applied.",
    },
    RUNNING: { description: "Being applied (or an apply stopped during it: applying again re-checks it)." },
    APPLIED: { description: "Sent to the vendor, which did it." },
    SKIPPED: { description: "Already so when it was to run: nothing was sent." },
    FAILED: { description: "The vendor failed or refused it: `result` says why. Applying again retries it." },
  },
});

registerEnumType(StepAction, {
  name: "StepAction",
  description:
    "What one step does, in the unified model's terms; also what an audit event records (`AuditEvent.action`).",
  valuesConfig: {
    LINK_ACCOUNT: {
      description: "Never a plan step: an account linked to a person in Rollcall's store (`linkAccounts`).",
    },
    UNLINK_ACCOUNT: {
      description: "Never a plan step: an account's link removed from Rollcall's store (`unlinkAccounts`).",
    },
    REPLACE_ROSTER: {
      description:
        "Never a plan step: the staff roster replaced in Rollcall's store (`replaceRoster`, or `review.rosterFile` loaded); source `rollcall`, target `roster`, `before`/`after` its counts.",
    },
  },
});

@ObjectType({ simpleResolvers: true, description: "What a step acts on, by global ID, and in words." })
export class PlanStepTarget {
  @Field({ description: 'What a person reads: "dana@example.com on Mobile (acme-tm)".' })
  label!: string;

  @Field(() => ID, {
    nullable: true,
    description: "The account (a User's global ID); null for one the plan creates.",
  })
  user!: string | null;

  @Field(() => String, { nullable: true, description: "The person's email, where the plan knows it." })
  email!: string | null;

  @Field(() => ID, { nullable: true })
  project!: string | null;

  @Field(() => ID, { nullable: true })
  group!: string | null;

  @Field(() => ID, { nullable: true })
  team!: string | null;
}

@ObjectType({ simpleResolvers: true, description: "What happened when a step was applied." })
export class PlanStepResult {
  @Field(() => String, { nullable: true, description: "The ErrorCode when it failed; null otherwise." })
  code!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Why it failed, why it waits, or what is worth knowing.",
  })
  message!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "For a stale plan: how the live state differed from what the plan saw (`from`) when it ran.",
  })
  drift!: string | null;
}

@ObjectType({ simpleResolvers: true, description: "One change a plan makes in one source." })
export class PlanStep {
  @Field(() => ID, { description: 'Unique within its plan: "s1", "s2"…' })
  id!: string;

  @Field(() => ID)
  sourceId!: string;

  @Field(() => Source, { nullable: true, description: "The source; null when it is no longer configured." })
  source!: Source | null;

  @Field(() => StepAction)
  action!: StepAction;

  @Field(() => PlanStepTarget)
  target!: PlanStepTarget;

  @Field(() => String, {
    nullable: true,
    description: 'The state the plan saw ("active", a role name, "member"); null: none.',
  })
  from!: string | null;

  @Field(() => String, { nullable: true, description: "The state the step makes; null: none." })
  to!: string | null;

  @Field({ description: "Whether the vendor can do it (and its state could be read)." })
  possible!: boolean;

  @Field(() => String, {
    nullable: true,
    description: "Why not, in the vendor's words (UNSUPPORTED_BY_SOURCE), or a note on a possible step.",
  })
  reason!: string | null;

  @Field(() => [ID], {
    description: "Steps that must be APPLIED or SKIPPED first (an account before its roles).",
  })
  dependsOn!: string[];

  @Field(() => StepStateValue)
  state!: StepStateValue;

  @Field(() => PlanStepResult, { nullable: true, description: "Null until an apply reached the step." })
  result!: PlanStepResult | null;

  @Field(() => Int, { description: "How many applies sent (or tried to send) it." })
  attempts!: number;

  @Field(() => DateTime, { nullable: true })
  finishedAt!: Date | null;
}

@ObjectType({ simpleResolvers: true, description: "How many of a plan's steps are in each state." })
export class PlanCounts {
  @Field(() => Int)
  total!: number;

  @Field(() => Int)
  pending!: number;

  @Field(() => Int)
  impossible!: number;

  @Field(() => Int)
  running!: number;

  @Field(() => Int)
  applied!: number;

  @Field(() => Int)
  skipped!: number;

  @Field(() => Int)
  failed!: number;
}

@ObjectType({
  simpleResolvers: true,
  description:
    "The steps that take live access to what should be: computed first (nothing changes), stored with an id, then applied with applyPlan.",
})
export class Plan {
  @Field(() => ID, { description: "The plan's id in Rollcall's store (plans live in no source)." })
  id!: string;

  @Field(() => PlanKindValue)
  kind!: PlanKindValue;

  @Field(() => PlanStatusValue)
  status!: PlanStatusValue;

  @Field(() => DateTime)
  createdAt!: Date;

  @Field({ description: "Who planned it: `key:<name>`, `token:<issuer>#<subject>`, or `cli`." })
  createdBy!: string;

  @Field({ description: 'One line: "offboard dana@example.com (DEACTIVATE): 6 steps, 1 impossible".' })
  summary!: string;

  @Field(() => [PlanStep])
  steps!: PlanStep[];

  @Field(() => PlanCounts)
  counts!: PlanCounts;
}
