import { ArgsType, Field, ID, Int } from "type-graphql";

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
  @Field(() => Int, { nullable: true, description: "How many items; all when omitted." })
  first?: number | null;

  @Field(() => String, { nullable: true })
  after?: string | null;
}
