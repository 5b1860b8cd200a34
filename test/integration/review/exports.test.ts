/**
 * `/exports/…` over HTTP: the access matrix, changes and findings as CSV and JSON, in the documented
 * column order, streamed from the store, behind the credentials a GraphQL read takes; bad
 * parameters a 400 naming the parameter.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SnapshotSourceStatus } from "../../../src/history/snapshot.js";
import { PermissionLevel } from "../../../src/model/records.js";
import { parseCsv } from "../../support/audit-trail.js";
import { type GatewayHarness, startGateway } from "../../support/gateway-harness.js";
import { account, grant, member, writeSnapshot } from "../../support/history-fixture.js";
import { anyVendor } from "../../support/pick-vendor.js";

const day = (d: number) => new Date(Date.UTC(2026, 10, d));

/** The columns as README documents them: a contract, so spelled out here rather than imported. */
const ACCESS =
  "snapshot,person,personBasis,source,account,remoteId,email,displayName,active,admin,lastLoginAt,grantsRead,project,projectName,role,level,viaType,viaId,viaName";
const CHANGES =
  "from,to,kind,origin,source,account,remoteId,email,displayName,person,project,projectName,roleBefore,levelBefore,roleAfter,levelAfter,viaType,viaId,viaName,groupType,groupId,groupName,auditEvent,auditAt,auditCaller,auditOperation,auditAction";
const FINDINGS =
  "snapshot,kind,person,personBasis,source,account,remoteId,email,displayName,active,admin,lastLoginAt,createdAt,daysSinceLogin,levels,grantCount,membershipCount,inactiveAccounts,reason";

/** More accounts than one page of the matrix's store reads (500). */
const MANY = 1234;

describe("access review exports", () => {
  let gw: GatewayHarness;
  beforeAll(async () => {
    gw = await startGateway({
      instances: [{ vendor: anyVendor(), id: anyVendor().kind }],
      users: 1,
      auth: { anonymousReads: false },
    });
    const store = gw.rollcall.store;
    const crowd = Array.from({ length: MANY }, (_, i) => account(`u${String(i).padStart(5, "0")}`));
    await writeSnapshot(store, "snap_1", day(1), {
      alpha: {
        accounts: [
          account("ada", {
            displayName: 'Ada, "Countess"\nof Lovelace',
            grants: [
              grant("p1", "Tester"),
              grant("p2", "=Admin", PermissionLevel.ADMIN, { type: "GROUP", remoteId: "g1" }),
            ],
          }),
          account("bob", { grants: null }),
        ],
      },
      beta: { accounts: crowd },
    });
    await writeSnapshot(store, "snap_2", day(2), {
      alpha: {
        accounts: [
          account("ada", {
            grants: [grant("p1", "Lead", PermissionLevel.MANAGE)],
            memberships: [member("TEAM", "t1")],
          }),
          account("bob", { active: false, grants: null }),
        ],
      },
      beta: { status: SnapshotSourceStatus.FAILED },
    });
  });
  afterAll(() => gw?.stop());

  const get = (path: string, key: string | null = gw.keys.read) =>
    fetch(`${gw.rollcall.origin}${path}`, { headers: key ? { authorization: `Bearer ${key}` } : {} });

  it("refuses a caller without credentials or with a wrong key, as GraphQL reads are refused", async () => {
    for (const path of [
      "/exports/access.csv",
      "/exports/changes.json?from=snap_1&to=snap_2",
      "/exports/findings.csv?kind=UNOWNED_ACCOUNT",
    ]) {
      const anonymous = await get(path, null);
      expect(anonymous.status, path).toBe(401);
      expect(await anonymous.json()).toMatchObject({ code: "UNAUTHENTICATED" });
      expect((await get(path, "not-a-key")).status, path).toBe(401);
    }
  });

  it("streams the access matrix as CSV: one row per grant, the documented columns, quoting and formula escaping", async () => {
    const response = await get("/exports/access.csv?snapshot=snap_1");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-length")).toBeNull();
    expect(response.headers.get("x-rollcall-snapshot")).toBe("snap_1");
    expect(response.headers.get("content-disposition")).toMatch(
      /^attachment; filename="rollcall-access-.+\.csv"$/,
    );
    const text = await response.text();
    expect(text.split("\n")[0]).toBe(ACCESS);
    const rows = parseCsv(text);
    const [header, ...body] = rows;
    const col = (row: string[], name: string) => row[header!.indexOf(name)];
    // ada's two grants, bob's one row with his grants unread, and the crowd's one row each.
    expect(body).toHaveLength(2 + 1 + MANY);
    const ada = body.filter((r) => col(r, "remoteId") === "ada");
    expect(
      ada.map((r) => [
        col(r, "project"),
        col(r, "role"),
        col(r, "level"),
        col(r, "viaType"),
        col(r, "viaId"),
      ]),
    ).toEqual([
      ["p1", "Tester", "EXECUTE", "", ""],
      ["p2", "'=Admin", "ADMIN", "GROUP", "g1"],
    ]);
    expect(col(ada[0]!, "displayName")).toBe('Ada, "Countess"\nof Lovelace');
    const bob = body.find((r) => col(r, "remoteId") === "bob")!;
    expect([col(bob, "grantsRead"), col(bob, "project")]).toEqual(["false", ""]);
    expect(body.filter((r) => col(r, "source") === "beta").map((r) => col(r, "remoteId"))).toEqual(
      Array.from({ length: MANY }, (_, i) => `u${String(i).padStart(5, "0")}`),
    );
  });

  it("writes JSON as one streamed array of objects with the keys in column order; the default snapshot is the newest", async () => {
    const response = await get("/exports/access.json");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(response.headers.get("x-rollcall-snapshot")).toBe("snap_2");
    expect(response.headers.get("x-rollcall-incomplete-sources")).toBe("beta");
    const rows = (await response.json()) as Array<Record<string, unknown>>;
    expect(rows.map((r) => Object.keys(r).join(","))).toEqual(rows.map(() => ACCESS));
    expect(rows.map((r) => [r.remoteId, r.project, r.level, r.active, r.grantsRead])).toEqual([
      ["ada", "p1", "MANAGE", true, true],
      ["bob", null, null, false, false],
    ]);
  });

  it("exports the changes between two snapshots, not comparing the source that failed", async () => {
    const response = await get("/exports/changes.csv?from=snap_1&to=snap_2");
    expect(response.status).toBe(200);
    expect(response.headers.get("x-rollcall-incomplete-sources")).toBe("beta");
    const text = await response.text();
    expect(text.split("\n")[0]).toBe(CHANGES);
    const [header, ...body] = parseCsv(text);
    const col = (row: string[], name: string) => row[header!.indexOf(name)];
    expect(
      body.map((r) => [col(r, "kind"), col(r, "remoteId"), col(r, "project"), col(r, "origin")]),
    ).toEqual([
      ["PERMISSION_LOST", "ada", "p2", "OUTSIDE_ROLLCALL"],
      ["PERMISSION_CHANGED", "ada", "p1", "OUTSIDE_ROLLCALL"],
      ["TEAM_JOINED", "ada", "", "OUTSIDE_ROLLCALL"],
      ["ACCOUNT_DEACTIVATED", "bob", "", "OUTSIDE_ROLLCALL"],
    ]);
    const json = (await (
      await get("/exports/changes.json?from=snap_1&to=snap_2&kinds=TEAM_JOINED")
    ).json()) as Array<Record<string, unknown>>;
    expect(json).toEqual([
      expect.objectContaining({ kind: "TEAM_JOINED", groupType: "TEAM", groupId: "t1", auditEvent: null }),
    ]);
    expect(Object.keys(json[0]!).join(",")).toBe(CHANGES);
  });

  it("exports a finding's accounts with their reasons", async () => {
    const response = await get("/exports/findings.json?kind=PRIVILEGED_ACCOUNT&snapshot=snap_1");
    expect(response.status).toBe(200);
    const rows = (await response.json()) as Array<Record<string, unknown>>;
    expect(rows.map((r) => [r.remoteId, r.levels, r.reason])).toEqual([
      ["ada", ["ADMIN", "EXECUTE"], "ADMIN on a grant"],
    ]);
    expect(Object.keys(rows[0]!).join(",")).toBe(FINDINGS);
    const csv = await (await get("/exports/findings.csv?kind=PRIVILEGED_ACCOUNT&snapshot=snap_1")).text();
    expect(csv.split("\n")[0]).toBe(FINDINGS);
    expect(parseCsv(csv)[1]?.[FINDINGS.split(",").indexOf("levels")]).toBe("ADMIN EXECUTE");
  });

  it("answers a bad parameter with 400 naming it, before streaming anything", async () => {
    const cases: Array<[string, string]> = [
      ["/exports/access.csv?snapshot=snap_nope", "snapshot"],
      ["/exports/access.csv?format=xml", "format"],
      ["/exports/changes.csv", "from"],
      ["/exports/changes.csv?from=snap_1&to=snap_nope", "to"],
      ["/exports/changes.json?from=snap_1&to=snap_2&kinds=EVERYTHING", "kinds"],
      ["/exports/changes.json?from=snap_1&to=snap_2&origin=MARS", "origin"],
      ["/exports/changes.json?from=snap_2&to=snap_1", "from"],
      ["/exports/findings.csv", "kind"],
      ["/exports/findings.csv?kind=NOT_IN_ROSTER", "kind"],
      ["/exports/findings.csv?kind=DORMANT_ACCOUNT&dormantDays=soon", "dormantDays"],
      ["/exports/findings.csv?kind=DORMANT_ACCOUNT&person=nobody", "person"],
      ["/exports/findings.csv?kind=DORMANT_ACCOUNT&kind=UNOWNED_ACCOUNT", "kind"],
    ];
    for (const [path, field] of cases) {
      const response = await get(path);
      expect(response.status, path).toBe(400);
      expect(response.headers.get("content-type"), path).toBe("application/json; charset=utf-8");
      expect(await response.json(), path).toMatchObject({ code: "BAD_USER_INPUT", field });
    }
  });
});
