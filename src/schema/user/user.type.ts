import { Field, ObjectType } from "type-graphql";
import { Connection } from "../common/connection.js";
import { Node } from "../common/node.interface.js";
import { DateTime, RawJSON } from "../common/scalars.js";

@ObjectType({
  simpleResolvers: true,
  description: "An organisational unit a vendor files users under (a department).",
})
export class Department {
  @Field()
  remoteId!: string;

  @Field(() => String, { nullable: true })
  name!: string | null;
}

/** Relations (teams, groups, projects, permissions, source) are field resolvers in user.resolver.ts. */
@ObjectType({ simpleResolvers: true, implements: Node, description: "An account in one source." })
export class User extends Node {
  @Field({ description: "The vendor's own id." })
  remoteId!: string;

  @Field(() => String, {
    nullable: true,
    description: "The vendor login (the email where the vendor logs in by email).",
  })
  login!: string | null;

  @Field(() => String, { nullable: true })
  email!: string | null;

  @Field()
  displayName!: string;

  @Field(() => String, { nullable: true })
  firstName!: string | null;

  @Field(() => String, { nullable: true })
  lastName!: string | null;

  @Field({ description: "False for deactivated or disabled accounts." })
  active!: boolean;

  @Field(() => Boolean, {
    nullable: true,
    description: "Administers the whole instance (null when the vendor doesn't say).",
  })
  admin!: boolean | null;

  @Field(() => Boolean, {
    description: "Soft-deleted in the vendor, where it soft-deletes; hidden from lists unless asked for.",
  })
  archived!: boolean;

  @Field(() => DateTime, { nullable: true })
  lastLoginAt!: Date | null;

  @Field(() => DateTime, { nullable: true })
  createdAt!: Date | null;

  @Field(() => DateTime, { nullable: true })
  updatedAt!: Date | null;

  @Field(() => Department, { nullable: true })
  department!: Department | null;

  @Field(() => String, {
    nullable: true,
    description: "Optimistic-concurrency token, where the vendor has one.",
  })
  version!: string | null;

  @Field(() => RawJSON, { description: "The vendor payload as received." })
  raw!: unknown;
}

export const UserConnection = Connection(User, "User");
