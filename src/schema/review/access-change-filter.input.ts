import { Field, ID, InputType } from "type-graphql";
import { ChangeKind, ChangeOrigin } from "../../history/changes/access-change.js";
import "./access-change.type.js";

@InputType({ description: "Narrows accessChanges; every field given must match." })
export class AccessChangeFilter {
  @Field(() => [ID], { nullable: true, description: "Only these sources." })
  sources?: string[] | null;

  @Field(() => [ChangeKind], { nullable: true, description: "Only these kinds." })
  kinds?: ChangeKind[] | null;

  @Field(() => String, { nullable: true, description: "One person: an email (any case) or a Person's id." })
  person?: string | null;

  @Field(() => ChangeOrigin, {
    nullable: true,
    description:
      "Only changes Rollcall made, or only those made outside it (every change is linked to count these).",
  })
  origin?: ChangeOrigin | null;
}
