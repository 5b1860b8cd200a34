/** A person's permissions: every account's, through its source's loader (one batch per source). */
import type { RequestContext } from "../loaders/request-context.js";
import type { PermissionLevel, PermissionRecord, UserRecord } from "../model/records.js";
import { highestOf } from "./levels.js";
import type { PersonRecord } from "./person.js";

export interface PersonAccessRead {
  /** Account by account (in the person's account order), each account's as its source lists them. */
  readonly permissions: PermissionRecord[];
  /** Accounts whose permissions could not be read: the person may hold more than `permissions`. */
  readonly failures: ReadonlyArray<{ readonly account: UserRecord; readonly error: unknown }>;
}

type Held = PermissionRecord[] | { readonly error: unknown };

/** The account's permissions, a plain value when already loaded (a listed page warms them). */
function heldBy(ctx: RequestContext, account: UserRecord): Held | Promise<Held> {
  const loader = ctx.session(account.sourceId).permissionsOfUser;
  if (!loader) return [];
  try {
    const loaded = loader.loadNow(account.remoteId);
    return loaded instanceof Promise ? loaded.catch((error: unknown) => ({ error })) : loaded;
  } catch (error) {
    return { error };
  }
}

function gather(accounts: readonly UserRecord[], held: readonly Held[]): PersonAccessRead {
  const permissions: PermissionRecord[] = [];
  const failures: Array<{ account: UserRecord; error: unknown }> = [];
  held.forEach((h, i) => {
    if (Array.isArray(h)) permissions.push(...h);
    else failures.push({ account: accounts[i] as UserRecord, error: (h as { error: unknown }).error });
  });
  return { permissions, failures };
}

/** Every permission of every account of the person; synchronous when all are loaded. */
export function accessOf(
  ctx: RequestContext,
  person: PersonRecord,
): PersonAccessRead | Promise<PersonAccessRead> {
  const held = person.accounts.map((account) => heldBy(ctx, account));
  return held.some((h) => h instanceof Promise)
    ? Promise.all(held).then((all) => gather(person.accounts, all))
    : gather(person.accounts, held as Held[]);
}

/** The person's highest level (levels.ts); null when they hold no permission, or some can't be read. */
export function highestLevelOf(read: PersonAccessRead): PermissionLevel | null {
  return read.failures.length > 0 ? null : highestOf(read.permissions.map((p) => p.level));
}
