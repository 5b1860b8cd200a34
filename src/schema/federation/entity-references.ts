import DataLoader from "dataloader";
import type { GraphQLResolveInfo } from "graphql";
import type { RequestContext } from "../../loaders/request-context.js";
import type { AnyRecord } from "../../model/records.js";
import { findPerson } from "../../people/find-person.js";
import type { JoinedPerson } from "../../people/join.js";
import { normalizeEmail } from "../../people/person.js";
import type { UserRelation } from "../../vendors/connector.js";
import { pathOf } from "../common/context.js";
import { personKeyFromId } from "../common/global-id.js";
import { resolveNode } from "../node/node.query.js";
import { warmAccounts } from "../person/people.query.js";
import { requestedAccountRelations } from "../person/person-lookahead.js";
import type { Source } from "../source/source.type.js";
import { sourceView } from "../source/source-view.js";

/** What a router sends for one entity: its type and the fields of one of its keys. */
export interface Representation {
  readonly __typename: string;
  readonly [field: string]: unknown;
}

/** Where an entity lookup's bad input is named (the `_entities` argument). */
const ARGUMENT = "representations";

/** An object of a source by its global ID, when it is of the type the router asked for. */
async function nodeOf(ctx: RequestContext, type: string, id: unknown): Promise<AnyRecord | null> {
  if (typeof id !== "string") return null;
  // Through the same loaders as `node(id:)`: a router's 100 users of one source are one batch.
  const found = await resolveNode(ctx, id, ARGUMENT, ["_entities"]);
  return found && found.kind === type ? (found as AnyRecord) : null;
}

interface PersonLookups {
  readonly loader: DataLoader<string, JoinedPerson | null>;
  /** The account relations the operation's `_entities` selections read, loaded with the persons. */
  readonly wants: Set<UserRelation>;
}

const personLookups = new WeakMap<RequestContext, PersonLookups>();

/**
 * One operation's persons by key, looked up together: each as `person(email:)` looks it up (one
 * email search per source), then the accounts of all of them read what the selection wants of
 * them in one batch per source — a router's fifty employees cost one permissions read per source,
 * never one per person. Repeated keys are looked up once.
 */
function lookupsOf(ctx: RequestContext, info: GraphQLResolveInfo): PersonLookups {
  let lookups = personLookups.get(ctx);
  if (!lookups) {
    const wants = new Set<UserRelation>();
    const path = pathOf(info);
    const loader = new DataLoader<string, JoinedPerson | null>(async (keys) => {
      const found = await Promise.allSettled(keys.map((key) => findPerson(ctx, { key }, { path })));
      const persons = found.map((r) => (r.status === "fulfilled" ? r.value : null));
      await warmAccounts(
        ctx,
        persons.filter((p): p is JoinedPerson => p !== null),
        wants,
      );
      return found.map((r) => (r.status === "fulfilled" ? r.value : toError(r.reason)));
    });
    lookups = { loader, wants };
    personLookups.set(ctx, lookups);
  }
  for (const relation of requestedAccountRelations(info)) lookups.wants.add(relation);
  return lookups;
}

const toError = (reason: unknown) => (reason instanceof Error ? reason : new Error(String(reason)));

/** A person by `id` (`Person:<key>`) or by `email` (trimmed, any case); null when nobody has it. */
function personOf(
  ctx: RequestContext,
  reference: Representation,
  info: GraphQLResolveInfo,
): Promise<JoinedPerson | null> | null {
  const key =
    typeof reference.id === "string"
      ? personKeyFromId(reference.id)
      : typeof reference.email === "string"
        ? normalizeEmail(reference.email)
        : null;
  if (!key) return null;
  return lookupsOf(ctx, info).loader.load(key);
}

function sourceOf(ctx: RequestContext, id: unknown): Source | null {
  const connector = typeof id === "string" ? ctx.gateway.connector(id) : undefined;
  return connector ? sourceView(connector) : null;
}

type ResolveReference = (reference: Representation, ctx: RequestContext, info: GraphQLResolveInfo) => unknown;

/** Each entity's `__resolveReference`: what `_entities` answers for one representation. */
export const ENTITY_RESOLVERS: Readonly<Record<string, ResolveReference>> = {
  User: (r, ctx) => nodeOf(ctx, "User", r.id),
  Project: (r, ctx) => nodeOf(ctx, "Project", r.id),
  Group: (r, ctx) => nodeOf(ctx, "Group", r.id),
  Team: (r, ctx) => nodeOf(ctx, "Team", r.id),
  Person: (r, ctx, info) => personOf(ctx, r, info),
  Source: (r, ctx) => sourceOf(ctx, r.id),
};
