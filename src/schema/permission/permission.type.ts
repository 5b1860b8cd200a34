import { Field, ObjectType } from "type-graphql";
import { PermissionLevel } from "../../model/records.js";
import "../common/enums.js";
import { Node } from "../common/node.interface.js";
import { RawJSON } from "../common/scalars.js";

/** `user`, `project`, `via` and `source` are field resolvers in permission.resolver.ts. */
@ObjectType({
  simpleResolvers: true,
  implements: Node,
  description: "A role a user holds on a project (or instance-wide when `project` is null).",
})
export class Permission extends Node {
  @Field()
  remoteId!: string;

  @Field(() => String, {
    nullable: true,
    description:
      "The vendor's own role, profile or group name; null when the vendor reports the access without its role (`level` is then UNKNOWN).",
  })
  role!: string | null;

  @Field(() => PermissionLevel, { description: "The role on Rollcall's normalized scale." })
  level!: PermissionLevel;

  @Field(() => RawJSON)
  raw!: unknown;
}
