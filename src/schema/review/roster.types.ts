import { Field, InputType, Int, ObjectType } from "type-graphql";

@InputType({ description: "One person on the staff roster." })
export class RosterEntryInput {
  @Field({ description: "Their email (matched with accounts as people are joined: trimmed, any case)." })
  email!: string;

  @Field(() => String, { nullable: true })
  name?: string | null;
}

@InputType({ description: "The whole staff roster, as entries or as CSV text: exactly one of them." })
export class ReplaceRosterInput {
  @Field(() => [RosterEntryInput], { nullable: true })
  entries?: RosterEntryInput[] | null;

  @Field(() => String, {
    nullable: true,
    description:
      "CSV with a header row naming an `email` column (and optionally `name`); other columns are ignored.",
  })
  csv?: string | null;
}

@ObjectType({ simpleResolvers: true })
export class RosterEntry {
  @Field({ description: "The normalized email." })
  email!: string;

  @Field(() => String, { nullable: true })
  name!: string | null;
}

@ObjectType({
  simpleResolvers: true,
  description: "The staff roster accounts are checked against (NOT_IN_ROSTER).",
})
export class Roster {
  @Field(() => Int)
  count!: number;

  @Field({ description: "True when it comes from `review.rosterFile` (then replaceRoster is refused)." })
  fromFile!: boolean;

  @Field(() => [RosterEntry], { description: "By email." })
  entries!: RosterEntry[];
}
