import type { GraphQLResolveInfo } from "graphql";
import { Arg, Ctx, ID, Info, Int, Query, Resolver } from "type-graphql";
import { decodeKeyCursor, encodeKeyCursor } from "../../loaders/cursor.js";
import { RequestContext } from "../../loaders/request-context.js";
import { warmRelations } from "../../loaders/warm-relations.js";
import { InputError } from "../../model/errors.js";
import type { UserRecord } from "../../model/records.js";
import { findPerson } from "../../people/find-person.js";
import type { JoinedPerson } from "../../people/join.js";
import { readPeople } from "../../people/list-people.js";
import { filterPeople, type PeopleFilter } from "../../people/people-filter.js";
import { normalizeEmail } from "../../people/person.js";
import type { UserRelation } from "../../vendors/connector.js";
import { ConnectionPage, type ConnectionShape } from "../common/connection.js";
import { pathOf } from "../common/context.js";
import { personKeyFromId } from "../common/global-id.js";
import { checkFirst } from "../common/inputs.js";
import { expectId } from "../mutations/global-ids.js";
import { Person, PersonConnection, PersonFilterInput } from "./person.type.js";
import { requestedAccountRelations } from "./person-lookahead.js";

const EMAIL = /^[^\s@]+@[^\s@]+$/;

/** An email argument, trimmed and lower-cased; the error names the field. */
function expectEmailKey(value: string, field: string): string {
  const email = normalizeEmail(value);
  if (!EMAIL.test(email)) throw new InputError(`"${value}" is not an email address`, field);
  return email;
}

function toPeopleFilter(ctx: RequestContext, input: PersonFilterInput | null | undefined): PeopleFilter {
  if (!input) return {};
  const name = input.name?.trim();
  if (name === "") throw new InputError("`filter.name` must not be empty", "filter.name");
  input.sources?.forEach((id, i) => {
    if (!ctx.gateway.connector(id)) throw new InputError(`Unknown source "${id}"`, `filter.sources[${i}]`);
  });
  const project = input.hasAccessToProject;
  return {
    email: input.email == null ? undefined : expectEmailKey(input.email, "filter.email"),
    name: name?.toLocaleLowerCase("en"),
    sources: input.sources ? new Set(input.sources) : undefined,
    activeAnywhere: input.activeAnywhere ?? undefined,
    highestLevel: input.highestLevel ?? undefined,
    hasAccessToProject:
      project == null ? undefined : expectId(ctx, project, "Project", "filter.hasAccessToProject"),
  };
}

/** Load the wanted relations of the page's accounts: one batch per source, all sources at once. */
export async function warmAccounts(
  ctx: RequestContext,
  persons: readonly JoinedPerson[],
  wants: ReadonlySet<UserRelation>,
): Promise<void> {
  if (wants.size === 0) return;
  const bySource = new Map<string, UserRecord[]>();
  for (const account of persons.flatMap((p) => p.accounts))
    bySource.set(account.sourceId, [...(bySource.get(account.sourceId) ?? []), account]);
  await Promise.all(
    [...bySource].map(([sourceId, accounts]) => warmRelations(ctx.session(sourceId), accounts, wants)),
  );
}

@Resolver()
export class PeopleQuery {
  @Query(() => PersonConnection, {
    description:
      "Every person across all sources, ordered by key (the email they are joined by). Reads every source's whole user list (as `users` does, in each vendor's largest pages) and, for the page, what its fields select of their accounts in one batch per source: never a call per person. A source that fails is reported in `errors` and the others' people come back without its accounts.",
  })
  async people(
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
    @Arg("filter", () => PersonFilterInput, { nullable: true }) filterInput?: PersonFilterInput | null,
    @Arg("first", () => Int, {
      defaultValue: 50,
      description: "How many people (0 for counts only; at most the server's maxPageSize).",
    })
    first = 50,
    @Arg("after", () => String, {
      nullable: true,
      description: "The `cursor` of the last person already seen.",
    })
    after?: string | null,
  ): Promise<ConnectionShape<JoinedPerson>> {
    const size = checkFirst(first, ctx.settings.maxPageSize);
    const afterKey = after ? decodeKeyCursor(after) : null;
    const filter = toPeopleFilter(ctx, filterInput);
    const path = pathOf(info);
    const wants = requestedAccountRelations(info);
    const everyone = await readPeople(ctx, { path, wants });
    const matching = await filterPeople(ctx, everyone, filter, path);
    const start = afterKey === null ? 0 : matching.findIndex((p) => p.key > afterKey);
    const from = start < 0 ? matching.length : start;
    const page = matching.slice(from, from + size);
    await warmAccounts(ctx, page, wants);
    return new ConnectionPage(
      page,
      (i) => encodeKeyCursor((page[i] as JoinedPerson).key),
      { hasNextPage: from + size < matching.length, hasPreviousPage: afterKey !== null },
      () => matching.length,
    );
  }

  @Query(() => Person, {
    nullable: true,
    description:
      "One person, by `id` or by `email` (exactly one of them): costs what `usersByEmail` costs, plus a read by id of each account linked to them from elsewhere. Null when no source holds an account of theirs; a source that fails is reported in `errors` (the person then has the others' accounts).",
  })
  async person(
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
    @Arg("id", () => ID, { nullable: true }) id?: string | null,
    @Arg("email", () => String, { nullable: true }) email?: string | null,
  ): Promise<JoinedPerson | null> {
    if ((id == null) === (email == null))
      throw new InputError(
        id == null ? "Give `id` or `email`" : "Give `id` or `email`, not both",
        id == null ? "id" : "email",
      );
    const options = { path: pathOf(info), wants: requestedAccountRelations(info) };
    if (email != null) return findPerson(ctx, { email: expectEmailKey(email, "email") }, options);
    const key = personKeyFromId(id as string);
    if (key === null) throw new InputError(`"${id}" is not a Person's global ID (Person:<key>)`, "id");
    return findPerson(ctx, { key }, options);
  }
}
