import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { StepAction } from "../../plans/plan.js";
import { AuditOutcome } from "../../store/store.js";
import { PageInfo } from "../common/page-info.type.js";
import { DateTime, RawJSON } from "../common/scalars.js";
import "../common/enums.js";
// StepAction is registered with the plans' types (one GraphQL enum for steps and events).
import "../plan/plan.type.js";

registerEnumType(AuditOutcome, {
  name: "AuditOutcome",
  description: "What a recorded change did.",
  valuesConfig: {
    PENDING: {
      description:
        "Recorded before the vendor call, no outcome yet (settled at start-up if Rollcall stopped).",
    },
    APPLIED: { description: "The vendor applied it." },
    UNCHANGED: { description: "Already so: nothing was sent." },
    REFUSED: {
      description: "The vendor (or Rollcall's checks before the write) refused it; `code` says why.",
    },
    FAILED: {
      description:
        "It failed and applied nothing (the vendor's answer, or the live state read when settling, shows so).",
    },
    UNKNOWN: {
      description:
        "Its answer was lost and the live state could not be read yet: read the target before relying on it.",
    },
  },
});

@ObjectType({
  simpleResolvers: true,
  description:
    "One change to one target (an account, a role on a project, a membership, a group), recorded before it was sent to the vendor, with its outcome. Never changed or deleted through the API.",
})
export class AuditEvent {
  @Field(() => ID, { description: "Increasing with time." })
  id!: string;

  @Field(() => DateTime, { description: "When the intent was recorded, before the vendor call." })
  at!: Date;

  @Field({
    description: "Who asked: `key:<API key name>`, `token:<issuer>#<subject>`, `cli`, or `system`.",
  })
  caller!: string;

  @Field({
    description:
      "The mutation (`setUserActive`…), `applyPlan`, or `review.rosterFile` (the roster file loaded).",
  })
  operation!: string;

  @Field(() => ID, {
    description:
      "The source's id (as in config and `Source.id`); `rollcall` for Rollcall's own records that no source holds (the staff roster: REPLACE_ROSTER).",
  })
  source!: string;

  @Field({
    description:
      "What was acted on: a global id (`acme:User:42`, `acme:Group:3`); for an account being created its email, for a group being created its name; `roster` for the staff roster.",
  })
  target!: string;

  @Field(() => String, {
    nullable: true,
    description:
      "The person the change is filed under (the key people are joined by: a normalized email, or `account:<User id>`).",
  })
  person!: string | null;

  @Field(() => StepAction)
  action!: StepAction;

  @Field(() => RawJSON, {
    nullable: true,
    description:
      "The target's state before, as far as the operation knew it without asking the vendor again (e.g. `{active: true}`, `{project, role}`); null when not known. Never a secret.",
  })
  before!: unknown;

  @Field(() => RawJSON, {
    nullable: true,
    description:
      "The state the change makes (e.g. `{active: false}`; a `role` of null is the vendor's default role). Never a secret.",
  })
  after!: unknown;

  @Field(() => AuditOutcome)
  outcome!: AuditOutcome;

  @Field(() => String, {
    nullable: true,
    description: "The error code (`ErrorCode`) when refused or failed.",
  })
  code!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "What happened, in words (the error, or what the vendor found).",
  })
  message!: string | null;

  @Field(() => Int, { nullable: true, description: "The vendor's HTTP status, where its answer had one." })
  vendorStatus!: number | null;

  @Field({
    description:
      "True when the outcome was settled by reading the live state (after a crash or a lost answer).",
  })
  settled!: boolean;

  @Field(() => DateTime, {
    nullable: true,
    description: "When the outcome was recorded; null while PENDING.",
  })
  answeredAt!: Date | null;

  @Field(() => ID, { nullable: true, description: "The plan this change was a step of (`Query.plan`)." })
  plan!: string | null;

  @Field(() => ID, { nullable: true, description: "The plan's step." })
  step!: string | null;
}

@ObjectType({ simpleResolvers: true })
export class AuditEventEdge {
  @Field(() => AuditEvent)
  node!: AuditEvent;

  @Field({ description: "Pass as `after` to get the events following this one." })
  cursor!: string;
}

@ObjectType({ simpleResolvers: true, description: "A page of audit events, oldest first." })
export class AuditEventConnection {
  @Field(() => [AuditEventEdge])
  edges!: AuditEventEdge[];

  @Field(() => [AuditEvent], { description: "The nodes of `edges`, for clients that need no cursors." })
  nodes!: AuditEvent[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}
