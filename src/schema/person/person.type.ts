import { Field, ID, InputType, ObjectType, registerEnumType } from "type-graphql";
import { PermissionLevel } from "../../model/records.js";
import { PersonState } from "../../people/person-facts.js";
import "../common/enums.js";
import { Connection } from "../common/connection.js";
import { Node } from "../common/node.interface.js";

registerEnumType(PersonState, {
  name: "PersonState",
  description: "Whether a person's accounts are active, across the sources where they have one.",
  valuesConfig: {
    ACTIVE_EVERYWHERE: { description: "Every account is active." },
    PARTLY_ACTIVE: { description: "Some accounts are active, some are not." },
    INACTIVE_EVERYWHERE: { description: "No account is active (or none is known)." },
  },
});

/** Every field is a resolver (person.resolver.ts), read from the joined accounts. */
@ObjectType({
  simpleResolvers: true,
  implements: Node,
  description:
    "One human: their accounts in every source, joined by email (trimmed, any case); an explicit link (`linkAccounts`) wins over the email, and an account with neither email nor link is a person of its own.",
})
export class Person extends Node {}

export const PersonConnection = Connection(Person, "Person");

@InputType({
  description:
    "Narrows the people list; every criterion given must hold. A person matches by any of their accounts, and matching people keep all their accounts.",
})
export class PersonFilterInput {
  @Field(() => String, {
    nullable: true,
    description: "An email of theirs: the one they are joined by, or any account's (trimmed, any case).",
  })
  email?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "A case-insensitive substring of one of their accounts' display names.",
  })
  name?: string | null;

  @Field(() => [ID], { nullable: true, description: "An account in at least one of these sources." })
  sources?: string[] | null;

  @Field(() => Boolean, {
    nullable: true,
    description: "An active account somewhere (true), or no active account anywhere (false).",
  })
  activeAnywhere?: boolean | null;

  @Field(() => PermissionLevel, {
    nullable: true,
    description:
      "`highestLevel` at least this, in the order `Person.highestLevel` documents. Reads every candidate's permissions.",
  })
  highestLevel?: PermissionLevel | null;

  @Field(() => ID, {
    nullable: true,
    description: "A Project's global ID: an account of theirs holds a role above NONE on it.",
  })
  hasAccessToProject?: string | null;
}
