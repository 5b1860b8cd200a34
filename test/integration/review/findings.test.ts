/**
 * findings, findingCounts and the roster over GraphQL (real HTTP): which snapshot was judged, which
 * sources were missing, each kind's accounts with their reason, and typed errors naming the field.
 * The snapshots are written into the gateway's store as the taking of snapshots leaves them.
 */
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SnapshotSourceStatus } from "../../../src/history/snapshot.js";
import { PermissionLevel } from "../../../src/model/records.js";
import { type GatewayHarness, startGateway } from "../../support/gateway-harness.js";
import { account, grant, member, writeSnapshot } from "../../support/history-fixture.js";
import { anyVendor } from "../../support/pick-vendor.js";

const day = (d: number) => new Date(Date.UTC(2026, 10, d));

const FINDINGS = `query ($kind: FindingKind!, $snapshot: ID, $dormantDays: Int, $filter: FindingFilter, $first: Int, $after: String) {
  findings(kind: $kind, snapshot: $snapshot, dormantDays: $dormantDays, filter: $filter, first: $first, after: $after) {
    totalCount snapshot judgedSources incompleteSources loginsUnreportedSources
    pageInfo { hasNextPage endCursor }
    nodes { kind account { source remoteId userId } person active daysSinceLogin levels grantCount membershipCount inactiveAccounts reason }
  }
}`;

interface Findings {
  findings: {
    totalCount: number;
    snapshot: string;
    judgedSources: string[];
    incompleteSources: string[];
    loginsUnreportedSources: string[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    nodes: Array<{
      kind: string;
      account: { source: string; remoteId: string; userId: string };
      person: string;
      daysSinceLogin: number | null;
      levels: string[] | null;
      inactiveAccounts: string[];
      reason: string;
    }>;
  };
}

async function seed(gw: GatewayHarness) {
  const store = gw.rollcall.store;
  await writeSnapshot(store, "snap_old", day(1), { alpha: { accounts: [account("ada")] } });
  await writeSnapshot(store, "snap_new", day(100), {
    alpha: {
      accounts: [
        account("ada", { lastLoginAt: day(99), grants: [grant("p1", "Admin", PermissionLevel.ADMIN)] }),
        account("sleepy", { lastLoginAt: day(2) }),
        account("dana", { active: false, grants: [grant("p1", "Tester")] }),
        account("bot", { email: null, lastLoginAt: day(99) }),
      ],
    },
    beta: {
      loginsReported: false,
      accounts: [account("dana", { sourceId: "beta", memberships: [member("TEAM", "t1")] })],
    },
    gamma: { status: SnapshotSourceStatus.FAILED },
  });
}

describe("findings over GraphQL", () => {
  let gw: GatewayHarness;
  beforeAll(async () => {
    gw = await startGateway({ instances: [{ vendor: anyVendor(), id: anyVendor().kind }], users: 1 });
    await seed(gw);
  });
  afterAll(() => gw?.stop());

  const findings = (variables: Record<string, unknown>) => gw.gql<Findings>(FINDINGS, variables);

  it("judges the newest finished snapshot, names the sources it could not, and says why each account is a finding", async () => {
    const { data, errors } = await findings({ kind: "DORMANT_ACCOUNT" });
    expect(errors).toBeUndefined();
    expect(data!.findings).toMatchObject({
      snapshot: "snap_new",
      judgedSources: ["alpha", "beta"],
      incompleteSources: ["gamma"],
      loginsUnreportedSources: ["beta"],
      totalCount: 1,
    });
    expect(data!.findings.nodes).toEqual([
      expect.objectContaining({
        kind: "DORMANT_ACCOUNT",
        account: { source: "alpha", remoteId: "sleepy", userId: "alpha:User:sleepy" },
        daysSinceLogin: 98,
        reason: "Active, no login for 98 days (last 2026-11-02; 90 allowed)",
      }),
    ]);
    const strict = await findings({ kind: "DORMANT_ACCOUNT", dormantDays: 1, snapshot: "snap_new" });
    // ada and bot logged in exactly a day before: not "more than" one day.
    expect(strict.data!.findings.nodes.map((n) => n.account.remoteId)).toEqual(["sleepy"]);
  });

  it("answers each kind, filtered by source and person, in pages", async () => {
    const privileged = await findings({ kind: "PRIVILEGED_ACCOUNT" });
    expect(privileged.data!.findings.nodes).toMatchObject([
      { account: { remoteId: "ada" }, levels: ["ADMIN"] },
    ]);
    const partial = await findings({ kind: "PARTIAL_OFFBOARDING" });
    expect(partial.data!.findings.nodes).toMatchObject([
      { account: { source: "beta", remoteId: "dana" }, inactiveAccounts: ["alpha:User:dana"] },
    ]);
    const inactive = await findings({ kind: "INACTIVE_WITH_ACCESS", filter: { person: "DANA@example.com" } });
    expect(inactive.data!.findings.nodes).toMatchObject([{ account: { source: "alpha", remoteId: "dana" } }]);
    const unowned = await findings({ kind: "UNOWNED_ACCOUNT", filter: { sources: ["beta"] } });
    expect(unowned.data!.findings).toMatchObject({ totalCount: 0, judgedSources: ["beta"] });
    const first = await findings({ kind: "UNOWNED_ACCOUNT", first: 0 });
    expect(first.data!.findings).toMatchObject({ totalCount: 1, nodes: [], pageInfo: { hasNextPage: true } });
  });

  it("refuses what it can't answer with a typed error naming the argument", async () => {
    const cases: Array<[Record<string, unknown>, string, RegExp]> = [
      [{ kind: "NOT_IN_ROSTER" }, "kind", /No staff roster is set/],
      [{ kind: "DORMANT_ACCOUNT", snapshot: "snap_nope" }, "snapshot", /No snapshot "snap_nope"/],
      [{ kind: "DORMANT_ACCOUNT", dormantDays: 0 }, "dormantDays", /whole number of days/],
      [{ kind: "DORMANT_ACCOUNT", filter: { person: "not an email" } }, "filter.person", /not an email/],
      [{ kind: "DORMANT_ACCOUNT", after: "bogus" }, "after", /not a cursor/],
    ];
    for (const [variables, field, message] of cases) {
      const { errors } = await findings(variables);
      expect(errors?.[0], JSON.stringify(variables)).toMatchObject({
        message: expect.stringMatching(message),
        extensions: { code: "BAD_USER_INPUT", field },
      });
    }
  });

  it("replaces the roster with write scope, refusing a bad email by its field, then judges against it", async () => {
    const REPLACE = `mutation ($input: ReplaceRosterInput!) { replaceRoster(input: $input) { count fromFile entries { email name } } }`;
    const refusedByReader = await gw.gql(
      REPLACE,
      { input: { entries: [{ email: "ada@example.com" }] } },
      {
        authorization: `Bearer ${gw.keys.read}`,
      },
    );
    expect(refusedByReader.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const bad = await gw.mutate(REPLACE, {
      input: { entries: [{ email: "ada@example.com" }, { email: "nope" }] },
    });
    expect(bad.errors?.[0]).toMatchObject({
      extensions: { code: "BAD_USER_INPUT", field: "input.entries[1].email" },
    });
    const badCsv = await gw.mutate(REPLACE, {
      input: { csv: "email,name\nada@example.com,Ada\nbroken,Bo\n" },
    });
    expect(badCsv.errors?.[0]).toMatchObject({
      message: expect.stringContaining("line 3"),
      extensions: { field: "input.csv" },
    });
    expect((await gw.gql<{ roster: { count: number } }>("{ roster { count } }")).data?.roster.count).toBe(0);

    const csv = 'email,name,team\n" Ada@Example.com ","Ada, Countess",core\nsleepy@example.com,,qa\n';
    const replaced = await gw.mutate<{ replaceRoster: unknown }>(REPLACE, { input: { csv } });
    expect(replaced.data?.replaceRoster).toEqual({
      count: 2,
      fromFile: false,
      entries: [
        { email: "ada@example.com", name: "Ada, Countess" },
        { email: "sleepy@example.com", name: null },
      ],
    });
    const missing = await findings({ kind: "NOT_IN_ROSTER" });
    expect(missing.data!.findings.nodes.map((n) => `${n.account.source}:${n.account.remoteId}`)).toEqual([
      "alpha:bot",
      "beta:dana",
    ]);
    const counts = await gw.gql<{
      findingCounts: Array<{ kind: string; count: number | null; snapshot: string }>;
    }>("{ findingCounts { kind count reason snapshot incompleteSources } }");
    expect(Object.fromEntries(counts.data!.findingCounts.map((c) => [c.kind, c.count]))).toEqual({
      DORMANT_ACCOUNT: 1,
      UNOWNED_ACCOUNT: 1,
      NOT_IN_ROSTER: 2,
      PARTIAL_OFFBOARDING: 1,
      PRIVILEGED_ACCOUNT: 1,
      INACTIVE_WITH_ACCESS: 1,
    });
  });
});

describe("the roster from review.rosterFile", () => {
  let gw: GatewayHarness;
  let dir: string;
  let file: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "rollcall-roster-"));
    file = join(dir, "staff.json");
    writeFileSync(file, JSON.stringify([{ email: "ada@example.com", name: "Ada" }]));
    gw = await startGateway({
      instances: [{ vendor: anyVendor(), id: anyVendor().kind }],
      users: 1,
      extraConfig: { review: { rosterFile: file } },
    });
    await seed(gw);
  });
  afterAll(async () => {
    await gw?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("loads the file at start-up and again once it changes, and refuses replaceRoster meanwhile", async () => {
    const roster = () =>
      gw.gql<{ roster: { count: number; fromFile: boolean; entries: Array<{ email: string }> } }>(
        "{ roster { count fromFile entries { email } } }",
      );
    expect((await roster()).data?.roster).toEqual({
      count: 1,
      fromFile: true,
      entries: [{ email: "ada@example.com" }],
    });
    writeFileSync(file, JSON.stringify(["ada@example.com", "dana@example.com"]));
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    expect((await roster()).data?.roster.count).toBe(2);
    const missing = await gw.gql<Findings>(FINDINGS, { kind: "NOT_IN_ROSTER" });
    expect(missing.data!.findings.nodes.map((n) => n.account.remoteId)).toEqual(["bot", "sleepy"]);
    const refused = await gw.mutate(
      `mutation { replaceRoster(input: { entries: [{ email: "x@example.com" }] }) { count } }`,
    );
    expect(refused.errors?.[0]).toMatchObject({
      message: expect.stringContaining("review.rosterFile"),
      extensions: { code: "BAD_USER_INPUT", field: "input" },
    });
  });
});
