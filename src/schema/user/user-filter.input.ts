import { Field, InputType } from "type-graphql";

@InputType({ description: "Narrows a user list; pushed down to each vendor's own search where it has one." })
export class UserFilterInput {
  @Field(() => String, { nullable: true, description: "Exact email, case-insensitive." })
  email?: string | null;

  @Field(() => String, { nullable: true, description: "Exact vendor login." })
  login?: string | null;

  @Field(() => String, { nullable: true, description: "Case-insensitive substring of the display name." })
  nameContains?: string | null;

  @Field(() => Boolean, { nullable: true, description: "Only active (true) or inactive (false) accounts." })
  active?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: "Include archived (soft-deleted) accounts." })
  includeArchived?: boolean | null;
}
