import { Field, ID, InputType } from "type-graphql";

@InputType({ description: "Narrows findings; every field given must match." })
export class FindingFilter {
  @Field(() => [ID], { nullable: true, description: "Only these sources." })
  sources?: string[] | null;

  @Field(() => String, { nullable: true, description: "One person: an email (any case) or a Person's id." })
  person?: string | null;
}
