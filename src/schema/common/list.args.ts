import { ArgsType, Field, ID, Int } from "type-graphql";

/** A relation's page when `first` is not given: relations page like top-level lists. */
export const RELATION_PAGE_SIZE = 50;

@ArgsType()
export class ListArgs {
  @Field(() => Int, {
    defaultValue: 50,
    description: "How many items (0 for counts only; at most the server's maxPageSize).",
  })
  first!: number;

  @Field(() => String, { nullable: true, description: "The `cursor` of the last item already seen." })
  after?: string | null;

  @Field(() => [ID], { nullable: true, description: "Only these sources (by id); all when omitted." })
  sources?: string[] | null;
}

@ArgsType()
export class RelationArgs {
  @Field(() => Int, {
    nullable: true,
    defaultValue: RELATION_PAGE_SIZE,
    description: `How many items (${RELATION_PAGE_SIZE} when omitted or null; at most the server's maxPageSize).`,
  })
  first?: number | null;

  @Field(() => String, { nullable: true })
  after?: string | null;
}
