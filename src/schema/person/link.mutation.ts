import type { GraphQLResolveInfo } from "graphql";
import { Arg, Ctx, FieldResolver, Info, Mutation, Resolver, Root } from "type-graphql";
import { auditedLinkChange, type LinkChange } from "../../audit/audited-links.js";
import { RequestContext } from "../../loaders/request-context.js";
import { InputError, isNotFound } from "../../model/errors.js";
import type { UserRecord } from "../../model/records.js";
import { findPerson } from "../../people/find-person.js";
import { ACCOUNT_KEY_PREFIX, type JoinedPerson } from "../../people/join.js";
import { linkStoreOf } from "../../people/links.js";
import { normalizeEmail } from "../../people/person.js";
import type { AccountLink, AccountRef } from "../../store/store.js";
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

const accountKey = (link: AccountLink) => toGlobalId(link.account.sourceId, "User", link.account.remoteId);

/**
 * Changes the links of `targets` (each to `personKey`, or none when null), recorded in the audit
 * trail one event per account, one batch per source. A source's batch whose intents can't be
 * recorded (or whose store write fails) is not changed: each of its accounts' results fails, naming
 * the account's field. `results` holds each target's answer so far, by index; failures replace it.
 */
async function changeLinks(
  ctx: RequestContext,
  targets: readonly Target[],
  before: ReadonlyMap<string, string>,
  personKey: string | null,
  results: LinkResultShape[],
): Promise<void> {
  const bySource = new Map<string, number[]>();
  targets.forEach((t, i) => {
    if (results[i]?.status !== MutationStatus.FAILED)
      bySource.set(t.sourceId, [...(bySource.get(t.sourceId) ?? []), i]);
  });
  const store = linkStoreOf(ctx);
  await Promise.all(
    [...bySource].map(async ([sourceId, indexes]) => {
      const session = ctx.session(sourceId);
      const changes = indexes.map((i): LinkChange => {
        const { sourceId: s, remoteId, id } = targets[i] as Target;
        return { account: { sourceId: s, remoteId }, before: before.get(id) ?? null, after: personKey };
      });
      const by = ctx.caller?.id ?? "anonymous";
      try {
        await auditedLinkChange(ctx.gateway.trail, store, session.connector.source, changes, personKey, by);
      } catch (error) {
        for (const i of indexes) {
          const t = targets[i] as Target;
          const result = failed(session, error, { account: t.id, user: results[i]?.user ?? null });
          results[i] = { ...result, error: result.error && { ...result.error, field: t.field } };
        }
      }
    }),
  );
}

@Resolver(() => LinkAccountsPayload)
export class LinkMutation {
  @Mutation(() => LinkAccountsPayload, {
    description:
      "Join accounts to one person, whatever their emails (a link wins over email matching; an account linked elsewhere moves). Each account is read from its source first: one that doesn't exist, or can't be read, is not linked. Writes Rollcall's store only, never a vendor; each account is an audit event (LINK_ACCOUNT), and one whose event can't be recorded is not linked (AUDIT_UNAVAILABLE).",
  })
  async linkAccounts(
    @Arg("input", () => LinkAccountsInput) input: LinkAccountsInput,
    @Ctx() ctx: RequestContext,
  ): Promise<{ results: LinkResultShape[]; ok: boolean; personKey: string }> {
    const personKey = personKeyOfInput(input.person);
    const targets = distinctAccounts(ctx, input.accounts);
    const [reads, links] = await Promise.all([readAccounts(ctx, targets), linkStoreOf(ctx).all()]);
    const current = new Map(links.map((l) => [accountKey(l), l.personKey]));
    const results = targets.map((t, i): LinkResultShape => {
      const read = reads[i] as { user: UserRecord } | { failure: LinkResultShape };
      if ("failure" in read) return read.failure;
      const before = current.get(t.id);
      const status =
        before === personKey
          ? MutationStatus.UNCHANGED
          : before === undefined
            ? MutationStatus.CREATED
            : MutationStatus.UPDATED;
      const warnings = before && before !== personKey ? [`moved from the person ${before}`] : [];
      return { ...done(ctx.session(t.sourceId), status, { account: t.id, user: read.user }), warnings };
    });
    await changeLinks(ctx, targets, current, personKey, results);
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
      "Give accounts back to email matching (an account without an email becomes a person of its own). An account gone from its source can be unlinked too. Writes Rollcall's store only, never a vendor; each account is an audit event (UNLINK_ACCOUNT), and one whose event can't be recorded keeps its link (AUDIT_UNAVAILABLE).",
  })
  async unlinkAccounts(
    @Arg("input", () => UnlinkAccountsInput) input: UnlinkAccountsInput,
    @Ctx() ctx: RequestContext,
  ): Promise<{ results: LinkResultShape[]; ok: boolean }> {
    const targets = distinctAccounts(ctx, input.accounts);
    const links = await linkStoreOf(ctx).all();
    const current = new Map(links.map((l) => [accountKey(l), l.personKey]));
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
      const status = current.has(t.id) ? MutationStatus.DELETED : MutationStatus.UNCHANGED;
      return {
        ...done(ctx.session(t.sourceId), status, { account: t.id, user }),
        warnings: warning ? [warning] : [],
      };
    });
    await changeLinks(ctx, targets, current, null, results);
    return { results, ok: allSucceeded(results) };
  }
}
