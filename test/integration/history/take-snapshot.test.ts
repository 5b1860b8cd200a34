/**
 * Taking a snapshot over real HTTP against every registered vendor's simulator: each account is
 * stored as GraphQL's `users` reads it (grants with project, role, level and via; memberships; last
 * login; the person it joins), each source costs its directory floor, page after page, and a source
 * failing fails its own part only.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shapeOf } from "../../../bench/lib/shape.js";
import { SnapshotSourceStatus, SnapshotStatus, SnapshotTrigger } from "../../../src/history/snapshot.js";
import { takeSnapshot } from "../../../src/history/take-snapshot.js";
import { normalizeEmail } from "../../../src/people/person.js";
import { fromGlobalId } from "../../../src/schema/common/global-id.js";
import { vendors } from "../../../src/vendors/registry.js";
import { type GatewayHarness, startGateway } from "../../support/gateway-harness.js";
import { storedAccounts, storedRowCounts } from "../../support/snapshot-rows.js";

const USERS = 60;
/** Small pages, so every source is read in several. */
const SMALL_PAGE = 25;

interface ListedUser {
  id: string;
  email: string | null;
  active: boolean;
  lastLoginAt: string | null;
  teams: { nodes: Array<{ name: string }> } | null;
  groups: { nodes: Array<{ name: string }> } | null;
  permissions: Array<{
    role: string | null;
    level: string;
    project: { name: string } | null;
    via: { id: string } | null;
  }> | null;
}

/** Every account of a source as GraphQL's `users` answers it, archived ones too. */
async function listed(gw: GatewayHarness, source: string): Promise<ListedUser[]> {
  const { data, errors } = await gw.gql<{ users: { nodes: ListedUser[] } }>(
    `query($s: [ID!]) { users(sources: $s, first: 1000, filter: { includeArchived: true }) { nodes {
      id email active lastLoginAt teams { nodes { name } } groups { nodes { name } }
      permissions { role level project { name } via { id } } } } }`,
    { s: [source] },
  );
  expect(errors).toBeUndefined();
  return data!.users.nodes;
}

const take = (gw: GatewayHarness, sourceIds?: string[]) =>
  takeSnapshot(gw.rollcall.gateway, gw.rollcall.store, {
    trigger: SnapshotTrigger.MANUAL,
    takenBy: "test",
    sourceIds,
  });

/** Upstream calls per source since the last clearLogs(), sign-ins left out. */
const callsOf = (gw: GatewayHarness) =>
  Object.fromEntries(vendors.map((v) => [v.kind, gw.sims.get(v.kind)!.log.calls().length]));

/** List calls a source's whole account list takes in pages of its connector's size. */
function listPages(gw: GatewayHarness, source: string, accounts: number): number {
  const size = gw.rollcall.gateway.connector(source)!.userPageSize;
  return size === null || size === undefined ? 0 : Math.max(1, Math.ceil(accounts / size));
}

describe("taking a snapshot", () => {
  let gw: GatewayHarness;
  beforeAll(async () => {
    gw = await startGateway({ users: USERS });
  });
  afterAll(() => gw?.stop());

  it("costs each source its directory floor, every account archived ones too", async () => {
    const floors = new Map<string, number>();
    for (const vendor of vendors) {
      const shape = await shapeOf((q) => gw.gql(q), vendor.kind, 1000);
      // A snapshot reads every account, archived ones too (people are joined from all of them).
      const all = await listed(gw, vendor.kind);
      floors.set(vendor.kind, vendor.floor.calls({ ...shape, users: all.length }));
    }
    gw.clearLogs();
    const snapshot = await take(gw);
    expect(snapshot.status).toBe(SnapshotStatus.COMPLETE);
    const calls = callsOf(gw);
    for (const vendor of vendors)
      expect(calls[vendor.kind], vendor.floor.reason).toBe(floors.get(vendor.kind));
  });

  it("stores every account as the users directory answers it: grants, memberships, last login, person", async () => {
    // One account joined by an explicit link, to another person than its email's.
    const [linkedSource] = vendors;
    const first = (await listed(gw, linkedSource!.kind))[0]!;
    const linked = await gw.mutate(
      `mutation($a: [ID!]!) { linkAccounts(input: { person: "someone.else@example.com", accounts: $a }) { ok } }`,
      { a: [first.id] },
    );
    expect(linked.errors).toBeUndefined();

    const snapshot = await take(gw);
    expect(snapshot.status).toBe(SnapshotStatus.COMPLETE);
    const stored = await storedAccounts(gw.storeUrl, snapshot.id);
    for (const vendor of vendors) {
      const source = vendor.kind;
      const expected = (await listed(gw, source)).map((u) => ({
        remoteId: fromGlobalId(u.id)!.remoteId,
        personKey:
          u.id === first.id
            ? "someone.else@example.com"
            : u.email
              ? normalizeEmail(u.email)
              : `account:${u.id}`,
        email: u.email,
        active: u.active,
        lastLoginAt: u.lastLoginAt === null ? null : new Date(u.lastLoginAt).toISOString(),
        grants: (u.permissions ?? [])
          .map(
            (p) =>
              `${p.project?.name ?? "*"}|${p.role ?? "?"}|${p.level}|${p.via ? fromGlobalId(p.via.id)!.remoteId : ""}`,
          )
          .sort(),
        memberships: [
          ...(u.groups?.nodes ?? []).map((g) => `GROUP:${g.name}`),
          ...(u.teams?.nodes ?? []).map((t) => `TEAM:${t.name}`),
        ].sort(),
      }));
      const actual = stored
        .filter((a) => a.sourceId === source)
        .map(({ remoteId, personKey, email, active, lastLoginAt, grants, memberships }) => ({
          remoteId,
          personKey,
          email,
          active,
          lastLoginAt,
          grants,
          memberships,
        }));
      const byId = (a: { remoteId: string }, b: { remoteId: string }) => a.remoteId.localeCompare(b.remoteId);
      expect(actual.sort(byId), source).toEqual(expected.sort(byId));
      expect(
        actual.some((a) => a.grants.length > 0),
        `${source} stored some grants`,
      ).toBe(true);
      const progress = snapshot.sources.find((s) => s.sourceId === source)!;
      expect(progress).toMatchObject({
        status: SnapshotSourceStatus.COMPLETE,
        accountsRead: expected.length,
        accountsTotal: expected.length,
        loginsReported: vendor.logins?.reported ?? null,
        error: null,
      });
    }
    expect(stored.find((a) => a.personKey === "someone.else@example.com")?.personBasis).toBe("LINK");
    expect(stored.filter((a) => a.personBasis === "EMAIL").length).toBeGreaterThan(0);
  });

  it("records a failed source as incomplete with its error, never its accounts as gone, the others complete", async () => {
    const [failing, ...others] = vendors;
    gw.sims.get(failing!.kind)!.faults.inject({ kind: "5xx", status: 503 });
    try {
      const snapshot = await take(gw);
      expect(snapshot.status).toBe(SnapshotStatus.PARTIAL);
      const part = snapshot.sources.find((s) => s.sourceId === failing!.kind)!;
      expect(part.status).toBe(SnapshotSourceStatus.FAILED);
      expect(part.error?.code).toBe("SOURCE_UNAVAILABLE");
      expect(part.error?.message).toContain(failing!.kind);
      expect(await storedRowCounts(gw.storeUrl, snapshot.id, failing!.kind)).toEqual({
        snapshot_accounts: 0,
        snapshot_grants: 0,
        snapshot_memberships: 0,
        snapshot_containers: 0,
      });
      for (const other of others) {
        const done = snapshot.sources.find((s) => s.sourceId === other.kind)!;
        expect(done.status, other.kind).toBe(SnapshotSourceStatus.COMPLETE);
        expect(done.accountsRead, other.kind).toBeGreaterThan(0);
      }
    } finally {
      gw.sims.get(failing!.kind)!.faults.clear();
    }
  });

  it("ends FAILED when every source it was asked for failed, and refuses a source it does not have", async () => {
    const [only] = vendors;
    gw.sims.get(only!.kind)!.faults.inject({ kind: "5xx", status: 503 });
    try {
      const snapshot = await take(gw, [only!.kind]);
      expect(snapshot.status).toBe(SnapshotStatus.FAILED);
      expect(snapshot.sources.map((s) => s.sourceId)).toEqual([only!.kind]);
    } finally {
      gw.sims.get(only!.kind)!.faults.clear();
    }
    await expect(take(gw, ["nowhere"])).rejects.toMatchObject({ code: "BAD_USER_INPUT", field: "sources" });
  });
});

describe("taking a snapshot in many pages", () => {
  let gw: GatewayHarness;
  beforeAll(async () => {
    gw = await startGateway({
      users: USERS,
      sourceOverrides: Object.fromEntries(vendors.map((v) => [v.kind, { pageSize: SMALL_PAGE }])),
    });
  });
  afterAll(() => gw?.stop());

  it("costs what one directory operation of every account costs: each page's relations in one batch, what every page consults once", async () => {
    const accounts = new Map<string, number>();
    for (const vendor of vendors) accounts.set(vendor.kind, (await listed(gw, vendor.kind)).length);
    gw.clearLogs();
    const { errors } = await gw.gql(`{ users(first: 1000, filter: { includeArchived: true }) { nodes {
      id teams { nodes { name } } groups { nodes { name } } projects { nodes { name } }
      permissions { role level project { name } via { id } } } } }`);
    expect(errors).toBeUndefined();
    const directory = callsOf(gw);
    gw.clearLogs();
    const snapshot = await take(gw);
    expect(snapshot.status).toBe(SnapshotStatus.COMPLETE);
    const paged = callsOf(gw);
    for (const vendor of vendors) {
      const part = snapshot.sources.find((s) => s.sourceId === vendor.kind)!;
      expect(part.accountsRead, vendor.kind).toBe(accounts.get(vendor.kind));
      expect(listPages(gw, vendor.kind, part.accountsRead), `${vendor.kind} is read in pages`).not.toBe(1);
      expect(paged[vendor.kind], vendor.kind).toBe(directory[vendor.kind]);
    }
  });

  it("clears what a source had stored when it fails half way", async () => {
    const paged = vendors.find(
      (v) => (gw.rollcall.gateway.connector(v.kind)?.userPageSize ?? null) !== null,
    )!;
    const sim = gw.sims.get(paged.kind)!;
    let storedBeforeFailing = 0;
    const snapshot = await takeSnapshot(gw.rollcall.gateway, gw.rollcall.store, {
      trigger: SnapshotTrigger.MANUAL,
      takenBy: "test",
      sourceIds: [paged.kind],
      onProgress: (progress) => {
        // Its first page is stored: from now on the source fails.
        if (progress.accountsRead > 0 && storedBeforeFailing === 0) {
          storedBeforeFailing = progress.accountsRead;
          sim.faults.inject({ kind: "5xx", status: 503 });
        }
      },
    });
    sim.faults.clear();
    expect(storedBeforeFailing).toBe(SMALL_PAGE);
    expect(snapshot.status).toBe(SnapshotStatus.FAILED);
    expect(snapshot.sources[0]?.error?.code).toBe("SOURCE_UNAVAILABLE");
    expect((await storedRowCounts(gw.storeUrl, snapshot.id, paged.kind)).snapshot_accounts).toBe(0);
  });
});
