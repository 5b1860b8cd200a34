import { isNotFound, SourceError } from "../../model/errors.js";
import type { GroupRecord, UserRecord } from "../../model/records.js";
import type { RequestScope } from "../connector.js";
import { badResponse, listedButNotServed } from "../http/http-errors.js";
import type { TestResultsClient } from "./client.js";
import { type CustomerSummary, toCustomer, toUser } from "./mapper.js";
import type { RawCustomer, RawUser } from "./raw-types.js";

/** GUIDs are compared case-insensitively: .NET prints them lower case but accepts either. */
export const key = (id: string) => id.toLowerCase();

const byRemoteId = (a: UserRecord, b: UserRecord) => {
  const x = key(a.remoteId);
  const y = key(b.remoteId);
  return x < y ? -1 : x > y ? 1 : 0;
};

export interface Groups {
  readonly customer: CustomerSummary;
  readonly byId: ReadonlyMap<string, GroupRecord>;
}

export interface DirectoryEntry {
  readonly user: UserRecord;
  readonly group: GroupRecord;
}

/** Every user of the customer: the union of all group lists (a user is in exactly one group). */
export interface Directory {
  /** Ordered by id: the API promises no order, and ids never change, so pages stay stable. */
  readonly users: readonly UserRecord[];
  readonly byId: ReadonlyMap<string, DirectoryEntry>;
  /** Lower-case email → entry, archived accounts included (their email stays taken). */
  readonly byEmail: ReadonlyMap<string, DirectoryEntry>;
}

/** All these reads need of a request's scope: its once-per-operation memo. */
type Once = Pick<RequestScope, "once">;

export interface DirectoryReads {
  /** The customer and its user groups, read once per operation. */
  groupsOf(scope: Once): Promise<Groups>;
  /** One group's list, read once per operation. */
  groupUsersOf(scope: Once, groupId: string): Promise<UserRecord[]>;
  /** The same list for a caller asking about that group: its 404 is NOT_FOUND only when a fresh
   *  customer read confirms the group is gone (else SOURCE_MISCONFIGURED). */
  membersOf(scope: Once, groupId: string): Promise<UserRecord[]>;
  /** The whole directory, read once per operation: the customer plus every group's list. */
  directoryOf(scope: Once): Promise<Directory>;
  /** A scope of its own, for reading what a write left behind past the operation's earlier reads. */
  fresh(): Once;
}

function memo(): Once {
  const pending = new Map<string, Promise<unknown>>();
  return {
    once<T>(k: string, load: () => Promise<T>): Promise<T> {
      if (!pending.has(k)) pending.set(k, load());
      return pending.get(k) as Promise<T>;
    },
  };
}

/**
 * There is no "all users" and no user-by-id route: users are reachable only through their group's
 * list (doc page "Get Users"), so everything below is read once per operation and shared.
 */
export function directoryReads(client: TestResultsClient, sourceId: string, vendor: string): DirectoryReads {
  const unreadable = (what: string) => badResponse({ sourceId, vendor }, `sent ${what}`);

  const groupsOf = (scope: Once): Promise<Groups> =>
    scope.once("customer", async () => {
      const raw: RawCustomer | undefined = await client.currentCustomer();
      // The doc page's customer always lists its UserGroups: without them there is no directory
      // to read, which is not the same as an empty one.
      if (!Array.isArray(raw?.UserGroups)) throw unreadable("a customer without its UserGroups list");
      const customer = toCustomer(raw, sourceId);
      return { customer, byId: new Map(customer.groups.map((g) => [key(g.remoteId), g])) };
    });

  const groupUsersOf = (scope: Once, groupId: string): Promise<UserRecord[]> =>
    scope.once(`group-users:${key(groupId)}`, async () => {
      const raw: RawUser[] | undefined = await client.groupUsers(groupId);
      // "Get Users" answers a bare array (doc page; REFERENCE §4.3).
      if (!Array.isArray(raw)) throw unreadable(`group ${groupId}'s users as something other than a list`);
      return raw.map((u) => toUser(u, sourceId));
    });

  /**
   * A group's list answered 404. One fresh customer read (`recheck`, shared by every such group of
   * one operation) tells which 404 it was: resolves when the group is gone or archived (deleted
   * since it was read [I: an archived group keeps its entry, see README]); throws when the
   * customer still lists it live, since then the route does not serve it: the source's problem,
   * never an empty group.
   */
  const confirmGone = async (recheck: Once, groupId: string, error: unknown): Promise<void> => {
    if (!isNotFound(error)) throw error;
    const now = (await groupsOf(recheck)).byId.get(key(groupId));
    if (!now || now.archived) return;
    throw listedButNotServed(
      error as SourceError,
      `user group ${groupId}`,
      "GET management/customers/current/groups/{id}/users",
    );
  };

  /** One group's live members; a group that is gone is NOT_FOUND (see confirmGone). */
  const membersOf = (scope: Once, groupId: string): Promise<UserRecord[]> =>
    groupUsersOf(scope, groupId).catch(async (error: unknown) => {
      await confirmGone(memo(), groupId, error);
      throw error;
    });

  const directoryOf = (scope: Once): Promise<Directory> =>
    scope.once("directory", async () => {
      const { customer } = await groupsOf(scope);
      // A group deleted after the customer was read has no users left: an empty list, confirmed.
      const recheck = memo();
      const lists = await Promise.all(
        customer.groups.map((group) =>
          groupUsersOf(scope, group.remoteId).catch(async (error: unknown) => {
            await confirmGone(recheck, group.remoteId, error);
            return [];
          }),
        ),
      );
      const byId = new Map<string, DirectoryEntry>();
      const byEmail = new Map<string, DirectoryEntry>();
      customer.groups.forEach((group, i) => {
        for (const user of lists[i] ?? []) {
          if (byId.has(key(user.remoteId))) continue;
          const entry = { user, group };
          byId.set(key(user.remoteId), entry);
          if (user.email) byEmail.set(user.email.toLowerCase(), entry);
        }
      });
      const users = [...byId.values()].map((e) => e.user).sort(byRemoteId);
      return { users, byId, byEmail };
    });

  return { groupsOf, groupUsersOf, membersOf, directoryOf, fresh: memo };
}
