import { Field, ObjectType } from "type-graphql";
import { Connection } from "../common/connection.js";
import { Node } from "../common/node.interface.js";
import { DateTime, RawJSON } from "../common/scalars.js";

@ObjectType({
  simpleResolvers: true,
  implements: Node,
  description: "A named set of users in one source (see Source.capabilities: TEAMS).",
})
export class Team extends Node {
  @Field()
  remoteId!: string;

  @Field()
  name!: string;

  @Field(() => String, { nullable: true, description: "Plain text (vendor HTML stripped; `raw` keeps it)." })
  description!: string | null;

  @Field(() => DateTime, { nullable: true })
  createdAt!: Date | null;

  @Field(() => DateTime, { nullable: true })
  updatedAt!: Date | null;

  @Field(() => RawJSON)
  raw!: unknown;
}

export const TeamConnection = Connection(Team, "Team");
