import type { GraphQLResolveInfo } from "graphql";
import { Ctx, FieldResolver, ID, Info, Resolver, Root } from "type-graphql";
import { RequestContext } from "../../loaders/request-context.js";
import { whenLoaded } from "../../loaders/source-session.js";
import { PermissionLevel, type PermissionRecord, type UserRecord } from "../../model/records.js";
import { accountId, type JoinedPerson } from "../../people/join.js";
import { accessOf, highestLevelOf, type PersonAccessRead } from "../../people/person-access.js";
import {
  activeSourceIds,
  displayNameOf,
  emailOf,
  emailsOf,
  PersonState,
  stateOf,
} from "../../people/person-facts.js";
import { pathOf } from "../common/context.js";
import { personGlobalId } from "../common/global-id.js";
import { Permission } from "../permission/permission.type.js";
import { Source } from "../source/source.type.js";
import { sourceView } from "../source/source-view.js";
import { User } from "../user/user.type.js";
import { Person } from "./person.type.js";

/** The person's access as read, its unreadable accounts reported where the field is. */
function readAccess<R>(
  ctx: RequestContext,
  person: JoinedPerson,
  info: GraphQLResolveInfo,
  answer: (read: PersonAccessRead) => R,
): R | Promise<Awaited<R>> {
  return whenLoaded(accessOf(ctx, person), (read) => {
    for (const { account, error } of read.failures)
      ctx.reportSourceError(error, pathOf(info), account.sourceId);
    return answer(read);
  });
}

@Resolver(() => Person)
export class PersonResolver {
  @FieldResolver(() => ID, {
    description:
      "Global ID: `Person:<key>`, the key (the email they are joined by) percent-encoded. Treat it as opaque.",
  })
  id(@Root() person: JoinedPerson): string {
    return personGlobalId(person.key);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      "The email this person is joined by (normalized: trimmed, lower case), which links point to; null for an account with neither email nor link.",
  })
  email(@Root() person: JoinedPerson): string | null {
    return emailOf(person);
  }

  @FieldResolver(() => String, {
    description:
      "The display name most of their accounts give (ties: the earliest account in `accounts`); with no named account, their email, else an account's login.",
  })
  displayName(@Root() person: JoinedPerson): string {
    return displayNameOf(person);
  }

  @FieldResolver(() => [String], { description: "Their accounts' distinct emails, normalized." })
  emails(@Root() person: JoinedPerson): string[] {
    return emailsOf(person);
  }

  @FieldResolver(() => [User], {
    description: "Every account of theirs, by source (in config order), then by vendor id.",
  })
  accounts(@Root() person: JoinedPerson): readonly UserRecord[] {
    return person.accounts;
  }

  @FieldResolver(() => [User], {
    description:
      "The accounts that belong to them by an explicit link (`linkAccounts`) rather than by email; a subset of `accounts`.",
  })
  linkedAccounts(@Root() person: JoinedPerson): UserRecord[] {
    return person.accounts.filter((a) => person.linked.has(accountId(a)));
  }

  @FieldResolver(() => [Permission], {
    description:
      "Every permission of every account, account by account: each names its `user` (the account), `source`, `project` (null: instance-wide), vendor `role`, normalized `level` and `via` (the group or team it comes through). An account whose permissions can't be read is left out and reported in `errors`.",
  })
  access(
    @Root() person: JoinedPerson,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): PermissionRecord[] | Promise<PermissionRecord[]> {
    return readAccess(ctx, person, info, (read) => read.permissions);
  }

  @FieldResolver(() => PermissionLevel, {
    nullable: true,
    description:
      "The highest level of `access`, in the order UNKNOWN < CUSTOM < NONE < VIEW < EXECUTE < EDIT < MANAGE < ADMIN: a role Rollcall can't place (CUSTOM) or access whose role the vendor didn't name (UNKNOWN) never ranks above a known level. Null when they hold no permission, or when an account's permissions can't be read (reported in `errors`).",
  })
  highestLevel(
    @Root() person: JoinedPerson,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): PermissionLevel | null | Promise<PermissionLevel | null> {
    return readAccess(ctx, person, info, highestLevelOf);
  }

  @FieldResolver(() => [Source], { description: "The sources where they have an active account." })
  activeIn(@Root() person: JoinedPerson, @Ctx() ctx: RequestContext): Source[] {
    return activeSourceIds(person).map((id) => sourceView(ctx.session(id).connector));
  }

  @FieldResolver(() => PersonState, {
    description: "Whether their accounts are active, across their sources.",
  })
  state(@Root() person: JoinedPerson): PersonState {
    return stateOf(person);
  }
}
