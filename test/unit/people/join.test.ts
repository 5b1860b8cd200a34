/** The join: which person each account belongs to, and how a person is ordered and named. */
import { describe, expect, it } from "vitest";
import { PermissionLevel, type UserRecord } from "../../../src/model/records.js";
import { indexLinks, joinAccounts, personKeyOf } from "../../../src/people/join.js";
import { atLeast, highestOf } from "../../../src/people/levels.js";
import {
  activeSourceIds,
  displayNameOf,
  emailOf,
  emailsOf,
  PersonState,
  stateOf,
} from "../../../src/people/person-facts.js";
import type { AccountLink } from "../../../src/store/store.js";

function account(sourceId: string, remoteId: string, fields: Partial<UserRecord> = {}): UserRecord {
  return {
    kind: "User",
    sourceId,
    remoteId,
    raw: {},
    login: null,
    email: null,
    displayName: "",
    firstName: null,
    lastName: null,
    active: true,
    admin: null,
    lastLoginAt: null,
    createdAt: null,
    updatedAt: null,
    ...fields,
  };
}

const SOURCES = ["a", "b", "c"];

const link = (sourceId: string, remoteId: string, personKey: string): AccountLink => ({
  account: { sourceId, remoteId },
  personKey,
  createdAt: new Date(0),
  createdBy: "key:test",
});

describe("joining accounts into persons", () => {
  it("joins accounts whose emails differ only in case and surrounding whitespace", () => {
    const persons = joinAccounts(
      [
        account("a", "1", { email: "Dana.Scully@Example.com" }),
        account("b", "7", { email: "  dana.scully@example.com " }),
      ],
      indexLinks([]),
      SOURCES,
    );
    expect(persons).toHaveLength(1);
    expect(persons[0]?.key).toBe("dana.scully@example.com");
    expect(persons[0]?.accounts.map((a) => a.sourceId)).toEqual(["a", "b"]);
    expect(persons[0]?.linked.size).toBe(0);
  });

  it("puts a linked account with its link's person, whatever its email", () => {
    const links = indexLinks([link("b", "7", "fox.mulder@example.com")]);
    const persons = joinAccounts(
      [
        account("a", "1", { email: "dana.scully@example.com" }),
        account("a", "2", { email: "fox.mulder@example.com" }),
        account("b", "7", { email: "dana.scully@example.com" }),
      ],
      links,
      SOURCES,
    );
    expect(persons.map((p) => [p.key, p.accounts.map((a) => `${a.sourceId}/${a.remoteId}`)])).toEqual([
      ["dana.scully@example.com", ["a/1"]],
      ["fox.mulder@example.com", ["a/2", "b/7"]],
    ]);
    expect([...(persons[1]?.linked ?? [])]).toEqual(["b:User:7"]);
  });

  it("makes an account with neither email nor link a person of its own, keyed by its global id", () => {
    const bot = account("a", "robot 1", { email: "  ", login: "ci-bot" });
    expect(personKeyOf(bot, indexLinks([]))).toBe("account:a:User:robot%201");
    const persons = joinAccounts([bot, account("b", "3")], indexLinks([]), SOURCES);
    expect(persons.map((p) => p.key)).toEqual(["account:a:User:robot%201", "account:b:User:3"]);
    expect(emailOf(persons[0] as never)).toBeNull();
    expect(displayNameOf(persons[0] as never)).toBe("ci-bot");
  });

  it("orders a person's accounts by source config order, then by vendor id", () => {
    const [person] = joinAccounts(
      [
        account("b", "1", { email: "d@example.com" }),
        account("a", "10", { email: "d@example.com" }),
        account("a", "9", { email: "d@example.com" }),
      ],
      indexLinks([]),
      SOURCES,
    );
    expect(person?.accounts.map((a) => `${a.sourceId}/${a.remoteId}`)).toEqual(["a/9", "a/10", "b/1"]);
  });

  it("orders persons by key", () => {
    const persons = joinAccounts(
      [account("a", "1", { email: "zoe@example.com" }), account("a", "2", { email: "adam@example.com" })],
      indexLinks([]),
      SOURCES,
    );
    expect(persons.map((p) => p.key)).toEqual(["adam@example.com", "zoe@example.com"]);
  });
});

describe("what a person's accounts say", () => {
  const person = (accounts: UserRecord[]) => joinAccounts(accounts, indexLinks([]), SOURCES)[0] as never;

  it("names a person by the name most accounts give, the earliest on a tie", () => {
    const accounts = [
      account("a", "1", { email: "d@example.com", displayName: "D. Scully" }),
      account("b", "1", { email: "d@example.com", displayName: "Dana Scully" }),
      account("c", "1", { email: "d@example.com", displayName: "Dana Scully" }),
    ];
    expect(displayNameOf(person(accounts))).toBe("Dana Scully");
    expect(displayNameOf(person(accounts.slice(0, 2)))).toBe("D. Scully");
    expect(displayNameOf(person([account("a", "1", { email: "d@example.com" })]))).toBe("d@example.com");
  });

  it("lists distinct normalized emails, the sources where an account is active, and the state", () => {
    const p = person([
      account("a", "1", { email: "D@example.com", active: false }),
      account("b", "1", { email: "d@example.com" }),
      account("c", "1", { email: "d@example.com" }),
    ]);
    expect(emailsOf(p)).toEqual(["d@example.com"]);
    expect(activeSourceIds(p)).toEqual(["b", "c"]);
    expect(stateOf(p)).toBe(PersonState.PARTLY_ACTIVE);
    expect(stateOf(person([account("a", "1", { email: "d@example.com" })]))).toBe(
      PersonState.ACTIVE_EVERYWHERE,
    );
    expect(stateOf(person([account("a", "1", { email: "d@example.com", active: false })]))).toBe(
      PersonState.INACTIVE_EVERYWHERE,
    );
  });
});

describe("ranking levels", () => {
  it("never ranks CUSTOM or UNKNOWN above a known level, NONE included", () => {
    expect(highestOf([PermissionLevel.CUSTOM, PermissionLevel.VIEW, PermissionLevel.UNKNOWN])).toBe(
      PermissionLevel.VIEW,
    );
    expect(highestOf([PermissionLevel.UNKNOWN, PermissionLevel.NONE])).toBe(PermissionLevel.NONE);
    expect(highestOf([PermissionLevel.UNKNOWN, PermissionLevel.CUSTOM])).toBe(PermissionLevel.CUSTOM);
    expect(highestOf([PermissionLevel.EDIT, PermissionLevel.ADMIN, PermissionLevel.MANAGE])).toBe(
      PermissionLevel.ADMIN,
    );
    expect(highestOf([])).toBeNull();
  });

  it("says whether a level is at least another", () => {
    expect(atLeast(PermissionLevel.EDIT, PermissionLevel.EXECUTE)).toBe(true);
    expect(atLeast(PermissionLevel.CUSTOM, PermissionLevel.VIEW)).toBe(false);
    expect(atLeast(null, PermissionLevel.UNKNOWN)).toBe(false);
  });
});
