import type { GraphQLResolveInfo } from "graphql";
import { Arg, Ctx, FieldResolver, Info, Mutation, Resolver, Root } from "type-graphql";
import { RequestContext } from "../../loaders/request-context.js";
import { InputError, isNotFound } from "../../model/errors.js";
import type { UserRecord } from "../../model/records.js";
import { findPerson } from "../../people/find-person.js";
import { ACCOUNT_KEY_PREFIX, type JoinedPerson } from "../../people/join.js";
import { linkStoreOf } from "../../people/links.js";
import { normalizeEmail } from "../../people/person.js";
import type { AccountRef } from "../../store/store.js";
import { pathOf } from "../common/context.js";
import { personKeyFromId, toGlobalId } from "../common/global-id.js";
import { expectEmail, expectId } from "../mutations/global-ids.js";
import { MutationStatus } from "../mutations/result.types.js";
import { allSucceeded, done, failed, type ResultBase, toMutationError } from "../mutations/result-shape.js";
import {
  LinkAccountsInput,
  LinkAccountsPayload,
  UnlinkAccountsInput,
  UnlinkAccountsPayload,
} from "./link.types.js";
import { Person } from "./person.type.js";

type LinkResultShape = ResultBase & { account: string; user: UserRecord | null };

interface Target extends AccountRef {
  /** The User global id. */
  readonly id: string;
  /** The input field that named it first. */
  readonly field: string;
}

/** The accounts named, each once, in the order first named. */
function distinctAccounts(ctx: RequestContext, ids: readonly string[]): Target[] {
  if (ids.length === 0)
    throw new InputError("`input.accounts` must name at least one User", "input.accounts");
  const byId = new Map<string, Target>();
  ids.forEach((raw, i) => {
    const gid = expectId(ctx, raw, "User", `input.accounts[${i}]`);
    const id = toGlobalId(gid.sourceId, "User", gid.remoteId);
    if (!byId.has(id))
      byId.set(id, { id, sourceId: gid.sourceId, remoteId: gid.remoteId, field: `input.accounts[${i}]` });
  });
  return [...byId.values()];
}

/** The key links point to: an email, or the email of the person an id names. */
function personKeyOfInput(value: string): string {
  const fromId = personKeyFromId(value.trim());
  if (fromId === null) return normalizeEmail(expectEmail(value, "input.person"));
  if (fromId.startsWith(ACCOUNT_KEY_PREFIX))
    throw new InputError(
      `"${value}" is a person without an email: link accounts to a person by email (its account can be linked there too)`,
      "input.person",
    );
  return fromId;
}

/** Each account read from its source (one batch per source), or why it can't be linked. */
async function readAccounts(
  ctx: RequestContext,
  targets: readonly Target[],
): Promise<Array<{ user: UserRecord } | { failure: LinkResultShape }>> {
  return Promise.all(
    targets.map(async (t) => {
      const session = ctx.session(t.sourceId);
      try {
        return { user: await session.users.load(t.remoteId) };
      } catch (error) {
        if (!isNotFound(error)) return { failure: failed(session, error, { account: t.id, user: null }) };
        const refusal = toMutationError(error, t.sourceId);
        const message = `${t.id} is not an account in source "${t.sourceId}": it was not linked`;
        return {
          failure: {
            ...failed(session, error, { account: t.id, user: null }),
            error: { ...refusal, message, field: t.field },
          },
        };
      }
    }),
  );
}

@Resolver(() => LinkAccountsPayload)
export class LinkMutation {
  @Mutation(() => LinkAccountsPayload, {
    description:
      "Join accounts to one person, whatever their emails (a link wins over email matching; an account linked elsewhere moves). Each account is read from its source first: one that doesn't exist, or can't be read, is not linked. Writes Rollcall's store only, never a vendor.",
  })
  async linkAccounts(
    @Arg("input", () => LinkAccountsInput) input: LinkAccountsInput,
    @Ctx() ctx: RequestContext,
  ): Promise<{ results: LinkResultShape[]; ok: boolean; personKey: string }> {
    const personKey = personKeyOfInput(input.person);
    const targets = distinctAccounts(ctx, input.accounts);
    const store = linkStoreOf(ctx);
    const [reads, links] = await Promise.all([readAccounts(ctx, targets), store.all()]);
    const current = new Map(
      links.map((l) => [toGlobalId(l.account.sourceId, "User", l.account.remoteId), l]),
    );
    const results = targets.map((t, i): LinkResultShape => {
      const read = reads[i] as { user: UserRecord } | { failure: LinkResultShape };
      if ("failure" in read) return read.failure;
      const before = current.get(t.id)?.personKey;
      const status =
        before === personKey
          ? MutationStatus.UNCHANGED
          : before === undefined
            ? MutationStatus.CREATED
            : MutationStatus.UPDATED;
      const warnings = before && before !== personKey ? [`moved from the person ${before}`] : [];
      return { ...done(ctx.session(t.sourceId), status, { account: t.id, user: read.user }), warnings };
    });
    const toLink = targets.filter(
      (_t, i) =>
        results[i]?.status === MutationStatus.CREATED || results[i]?.status === MutationStatus.UPDATED,
    );
    if (toLink.length > 0)
      await store.link(
        toLink.map(({ sourceId, remoteId }) => ({ sourceId, remoteId })),
        personKey,
        ctx.caller?.id ?? "anonymous",
      );
    return { results, ok: allSucceeded(results), personKey };
  }

  @FieldResolver(() => Person, { nullable: true })
  person(
    @Root() payload: { personKey: string },
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<JoinedPerson | null> {
    return findPerson(ctx, { key: payload.personKey }, { path: pathOf(info) });
  }

  @Mutation(() => UnlinkAccountsPayload, {
    description:
      "Give accounts back to email matching (an account without an email becomes a person of its own). An account gone from its source can be unlinked too. Writes Rollcall's store only, never a vendor.",
  })
  async unlinkAccounts(
    @Arg("input", () => UnlinkAccountsInput) input: UnlinkAccountsInput,
    @Ctx() ctx: RequestContext,
  ): Promise<{ results: LinkResultShape[]; ok: boolean }> {
    const targets = distinctAccounts(ctx, input.accounts);
    const store = linkStoreOf(ctx);
    const links = await store.all();
    const linked = new Set(links.map((l) => toGlobalId(l.account.sourceId, "User", l.account.remoteId)));
    const toUnlink = targets.filter((t) => linked.has(t.id));
    if (toUnlink.length > 0)
      await store.unlink(toUnlink.map(({ sourceId, remoteId }) => ({ sourceId, remoteId })));
    // The accounts, for the answer: reading one is not what unlinking needs, so a failed read is a warning.
    const users = await Promise.all(
      targets.map((t) =>
        ctx
          .session(t.sourceId)
          .users.load(t.remoteId)
          .then(
            (user) => ({ user, warning: null }),
            (error: unknown) => ({
              user: null,
              warning: isNotFound(error)
                ? null
                : `the account could not be read: ${ctx.asSourceError(error, t.sourceId).message}`,
            }),
          ),
      ),
    );
    const results = targets.map((t, i): LinkResultShape => {
      const { user, warning } = users[i] as { user: UserRecord | null; warning: string | null };
      const status = linked.has(t.id) ? MutationStatus.DELETED : MutationStatus.UNCHANGED;
      return {
        ...done(ctx.session(t.sourceId), status, { account: t.id, user }),
        warnings: warning ? [warning] : [],
      };
    });
    return { results, ok: allSucceeded(results) };
  }
}
