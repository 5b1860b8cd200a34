import { Field, ID, InputType, ObjectType } from "type-graphql";
import { ResultFields } from "../mutations/payload.types.js";
import { User } from "../user/user.type.js";
import { Person } from "./person.type.js";

@InputType({ description: "Accounts to join to one person, whatever their emails." })
export class LinkAccountsInput {
  @Field({ description: "The person: an email (trimmed, any case), or a Person's global ID that has one." })
  person!: string;

  @Field(() => [ID], { description: "User global IDs, in any sources." })
  accounts!: string[];
}

@InputType({ description: "Accounts to give back to email matching." })
export class UnlinkAccountsInput {
  @Field(() => [ID], { description: "User global IDs, in any sources." })
  accounts!: string[];
}

@ObjectType({
  simpleResolvers: true,
  implements: ResultFields,
  description:
    "One account's link: CREATED (linked), UPDATED (moved from the person it was linked to), UNCHANGED (already so), DELETED (unlinked), or FAILED with why.",
})
export class LinkResult extends ResultFields {
  @Field(() => ID, { description: "The account's User global ID." })
  account!: string;

  @Field(() => User, { nullable: true, description: "The account, where it could be read." })
  user!: unknown;
}

@ObjectType({ simpleResolvers: true, description: "Results of linkAccounts." })
export class LinkAccountsPayload {
  @Field(() => [LinkResult], { description: "One result per account." })
  results!: LinkResult[];

  @Field({ description: "True when no result FAILED." })
  ok!: boolean;

  @Field(() => Person, {
    nullable: true,
    description: "The person as it now stands (read as `person(email:)` reads it).",
  })
  person!: unknown;
}

@ObjectType({ simpleResolvers: true, description: "Results of unlinkAccounts." })
export class UnlinkAccountsPayload {
  @Field(() => [LinkResult], { description: "One result per account." })
  results!: LinkResult[];

  @Field({ description: "True when no result FAILED." })
  ok!: boolean;
}
