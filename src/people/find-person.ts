/**
 * One person, looked up by email or by key: what `usersByEmail` costs (one search per source,
 * through the same code), plus a load by id for each account linked to the person that the search
 * did not find. Nothing is listed whole.
 */
import { accountsByEmail } from "../loaders/accounts-by-email.js";
import type { RequestContext, ResponsePath } from "../loaders/request-context.js";
import { warmRelations } from "../loaders/warm-relations.js";
import { isNotFound, type SourceError } from "../model/errors.js";
import type { UserRecord } from "../model/records.js";
import { fromGlobalId } from "../schema/common/global-id.js";
import type { UserRelation } from "../vendors/connector.js";
import {
  ACCOUNT_KEY_PREFIX,
  accountId,
  accountOrder,
  type JoinedPerson,
  type LinkIndex,
  personKeyOf,
} from "./join.js";
import { readLinks } from "./links.js";
import { normalizeEmail } from "./person.js";

export interface FindPersonOptions {
  /** Where the failures of sources are reported (ctx.reportSourceError); default the root. */
  readonly path?: ResponsePath;
  /** Relations of the accounts the caller will read: loaded as each source's accounts arrive. */
  readonly wants?: ReadonlySet<UserRelation>;
}

/**
 * The person with this email (trimmed, any case) or key; null when no source holds an account of
 * theirs. A source that fails is reported on `ctx` and listed in the record's `sourceErrors`: the
 * person then comes back with the accounts the other sources hold (maybe none), never as null.
 */
export async function findPerson(
  ctx: RequestContext,
  by: { email: string } | { key: string },
  options: FindPersonOptions = {},
): Promise<JoinedPerson | null> {
  if ("email" in by) {
    const email = normalizeEmail(by.email);
    return email === "" ? null : byEmail(ctx, email, options);
  }
  return by.key.startsWith(ACCOUNT_KEY_PREFIX)
    ? byAccountKey(ctx, by.key, options)
    : byEmail(ctx, by.key, options);
}

async function byEmail(
  ctx: RequestContext,
  key: string,
  options: FindPersonOptions,
): Promise<JoinedPerson | null> {
  const path = options.path ?? [];
  const links = readLinks(ctx);
  const wants = options.wants;
  const page = await accountsByEmail({
    ctx,
    sessions: ctx.selectSessions(null),
    email: key,
    path,
    beforeList: wants?.size ? (session) => session.connector.prefetch?.(wants, session) : undefined,
    // An account linked to someone else is not this person's: its relations are not wanted.
    onIncluded: wants?.size
      ? (session, users) =>
          links.then((index) =>
            warmRelations(
              session,
              users.filter((u) => personKeyOf(u, index) === key),
              wants,
            ),
          )
      : undefined,
  });
  const index = await links;
  const found = page.edges.map((e) => e.node).filter((u) => personKeyOf(u, index) === key);
  const errors: SourceError[] = page.failures.map((f) => ctx.asSourceError(f.error, f.sourceId));
  const linked = await loadLinked(ctx, key, index, found, path, errors);
  const accounts = [...found, ...linked].sort(accountOrder(ctx.gateway.connectors.map((c) => c.source.id)));
  if (accounts.length === 0 && errors.length === 0) return null;
  return person(key, accounts, index, errors);
}

/**
 * Accounts linked to `key` that the email search did not return (another email, or none), each
 * loaded by id — in one batch per source. An account gone from its source, or a source no longer
 * configured, holds nothing of the person's.
 */
async function loadLinked(
  ctx: RequestContext,
  key: string,
  index: LinkIndex,
  found: readonly UserRecord[],
  path: ResponsePath,
  errors: SourceError[],
): Promise<UserRecord[]> {
  const have = new Set(found.map(accountId));
  const wanted = [...index.values()].filter(
    (link) =>
      link.personKey === key &&
      !have.has(accountId(link.account)) &&
      ctx.gateway.connector(link.account.sourceId) !== undefined,
  );
  const loaded = await Promise.all(
    wanted.map(async (link): Promise<UserRecord | null> => {
      const { sourceId, remoteId } = link.account;
      try {
        return await ctx.session(sourceId).users.load(remoteId);
      } catch (error) {
        if (isNotFound(error)) return null;
        ctx.reportSourceError(error, path, sourceId);
        errors.push(ctx.asSourceError(error, sourceId));
        return null;
      }
    }),
  );
  return loaded.filter((u): u is UserRecord => u !== null);
}

/** `account:<User global id>`: that account, while it has neither an email nor a link. */
async function byAccountKey(
  ctx: RequestContext,
  key: string,
  options: FindPersonOptions,
): Promise<JoinedPerson | null> {
  const gid = fromGlobalId(key.slice(ACCOUNT_KEY_PREFIX.length));
  if (gid?.type !== "User" || !ctx.gateway.connector(gid.sourceId)) return null;
  const links = readLinks(ctx);
  let account: UserRecord;
  try {
    account = await ctx.session(gid.sourceId).users.load(gid.remoteId);
  } catch (error) {
    if (isNotFound(error)) return null;
    ctx.reportSourceError(error, options.path ?? [], gid.sourceId);
    return person(key, [], new Map(), [ctx.asSourceError(error, gid.sourceId)]);
  }
  const index = await links;
  if (personKeyOf(account, index) !== key) return null;
  if (options.wants?.size) await warmRelations(ctx.session(gid.sourceId), [account], options.wants);
  return person(key, [account], index, []);
}

function person(
  key: string,
  accounts: readonly UserRecord[],
  index: LinkIndex,
  sourceErrors: readonly SourceError[],
): JoinedPerson {
  const linked = new Set(accounts.map(accountId).filter((id) => index.has(id)));
  return { kind: "Person", key, accounts, linked, sourceErrors };
}
