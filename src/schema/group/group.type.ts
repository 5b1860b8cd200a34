import { Field, ObjectType } from "type-graphql";
import { Connection } from "../common/connection.js";
import { Node } from "../common/node.interface.js";
import { RawJSON } from "../common/scalars.js";

@ObjectType({
  simpleResolvers: true,
  implements: Node,
  description: "A user group in one source (see Source.capabilities: GROUPS).",
})
export class Group extends Node {
  @Field()
  remoteId!: string;

  @Field()
  name!: string;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => [String], {
    description:
      "What membership grants, in the vendor's words (empty where the vendor's groups grant nothing by themselves).",
  })
  grants!: string[];

  @Field()
  archived!: boolean;

  @Field(() => String, {
    nullable: true,
    description: "Optimistic-concurrency token, where the vendor has one.",
  })
  version!: string | null;

  @Field(() => RawJSON)
  raw!: unknown;
}

export const GroupConnection = Connection(Group, "Group");
