import { Field, ObjectType } from "type-graphql";
import { Connection } from "../common/connection.js";
import { Node } from "../common/node.interface.js";
import { DateTime, RawJSON } from "../common/scalars.js";

@ObjectType({
  simpleResolvers: true,
  implements: Node,
  description: "A project in one source; access to it is a Permission.",
})
export class Project extends Node {
  @Field()
  remoteId!: string;

  @Field()
  name!: string;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      "False for completed, archived or inactive projects; null when the vendor's answer doesn't say.",
  })
  active!: boolean | null;

  @Field(() => DateTime, { nullable: true })
  createdAt!: Date | null;

  @Field(() => String, {
    nullable: true,
    description: "The project's page in the vendor's web UI, when known.",
  })
  url!: string | null;

  @Field(() => RawJSON)
  raw!: unknown;
}

export const ProjectConnection = Connection(Project, "Project");
