import { Field, ID, InputType } from "type-graphql";
import { StepAction } from "../../plans/plan.js";
import { AuditOutcome } from "../../store/store.js";
import { DateTime } from "../common/scalars.js";
import "./audit-event.type.js";

@InputType({ description: "Narrows the audit trail; every field given must match." })
export class AuditFilterInput {
  @Field(() => String, {
    nullable: true,
    description: "The person changes are filed under: an email (any case), or a Person's id.",
  })
  person?: string | null;

  @Field(() => ID, { nullable: true, description: "A source's id." })
  source?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "A caller exactly as events show it: `key:<API key name>`, `token:<issuer>#<subject>`, `cli`, `system`.",
  })
  caller?: string | null;

  @Field(() => StepAction, { nullable: true })
  action?: StepAction | null;

  @Field(() => AuditOutcome, {
    nullable: true,
    description: "The outcome as it now stands (the latest result).",
  })
  outcome?: AuditOutcome | null;

  @Field(() => ID, { nullable: true, description: "Only the steps of this plan." })
  plan?: string | null;

  @Field(() => DateTime, { nullable: true, description: "Recorded at or after this instant." })
  since?: Date | null;

  @Field(() => DateTime, { nullable: true, description: "Recorded before this instant." })
  until?: Date | null;
}
