import { describe, expect, it } from "vitest";
import { PersonBasis, type SnapshotAccount } from "../../src/history/snapshot.js";
import { PermissionLevel } from "../../src/model/records.js";
import { accountGroups } from "../../src/store/history-store.js";

const account = (remoteId: string, grants: number): SnapshotAccount => ({
  sourceId: "alpha",
  remoteId,
  personKey: `${remoteId}@example.com`,
  personBasis: PersonBasis.EMAIL,
  email: `${remoteId}@example.com`,
  login: null,
  displayName: remoteId,
  active: true,
  admin: null,
  lastLoginAt: null,
  createdAt: null,
  archived: false,
  grants: Array.from({ length: grants }, (_, i) => ({
    projectId: `p${i}`,
    projectName: null,
    role: null,
    level: PermissionLevel.VIEW,
    via: null,
  })),
  memberships: null,
});

const ids = (groups: SnapshotAccount[][]) => groups.map((g) => g.map((a) => a.remoteId));

describe("a page of accounts written in groups (history-store.ts)", () => {
  it("keeps each account whole with its grants, in order, at most the given rows a group", () => {
    // Rows: a 3, b 2, c 4, d 1.
    const page = [account("a", 2), account("b", 1), account("c", 3), account("d", 0)];
    expect(ids(accountGroups(page, 5))).toEqual([
      ["a", "b"],
      ["c", "d"],
    ]);
    expect(ids(accountGroups(page, 100))).toEqual([["a", "b", "c", "d"]]);
  });

  it("puts an account with more rows than a group holds in a group of its own", () => {
    const page = [account("a", 0), account("big", 9), account("b", 0)];
    expect(ids(accountGroups(page, 4))).toEqual([["a"], ["big"], ["b"]]);
  });

  it("makes no group of no accounts", () => {
    expect(accountGroups([], 10)).toEqual([]);
  });
});
