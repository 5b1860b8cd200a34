/**
 * `GET /audit/export`: the trail for auditors as JSON lines or CSV, streamed a store page at a
 * time, with the filters `auditEvents` takes, behind the credentials a GraphQL read takes.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Capability } from "../../../src/model/capabilities.js";
import { auditEvents, parseCsv } from "../../support/audit-trail.js";
import { type GatewayHarness, startGateway } from "../../support/gateway-harness.js";
import { startIssuer, type TestIssuer } from "../../support/oidc-issuer.js";
import { vendorWhere } from "../../support/pick-vendor.js";

const vendor = vendorWhere(
  (c) => c.capabilities.has(Capability.INVITE_USERS) && c.capabilities.has(Capability.MANAGE_GROUPS),
  "that invites users and manages groups",
);
const source = vendor.kind;
const FIRST_NAME = 'Ann, "The Auditor"';
const LAST_NAME = "Smith\nJones";
/** A name no CSV survives unquoted: a comma, quotes and a line break (a new group's event names it). */
const GROUP = 'Auditors, "inner circle"\nsecond line';
/** More events than one page of the store's reads (export-route.ts reads 500 at a time). */
const SEEDED = 1100;

describe("the audit export", () => {
  let gw: GatewayHarness;
  let idp: TestIssuer;
  beforeAll(async () => {
    idp = await startIssuer();
    await idp.addKey("k1");
    gw = await startGateway({
      instances: [{ vendor, id: source }],
      users: 2,
      auth: {
        anonymousReads: false,
        jwt: { issuer: idp.issuer, audience: idp.audience, jwksUri: idp.jwksUri, jwksCooldownMs: 0 },
      },
    });
    const answer = await gw.mutate<{ inviteUser: { ok: boolean } }>(
      `mutation ($first: String!, $last: String!) { inviteUser(input: { email: "ann.smith@example.com", firstName: $first, lastName: $last }) { ok results { error { message } } } }`,
      { first: FIRST_NAME, last: LAST_NAME },
    );
    expect(answer.data!.inviteUser.ok, JSON.stringify(answer)).toBe(true);
    const group = await gw.mutate<{ createGroup: { ok: boolean } }>(
      `mutation ($name: String!) { createGroup(input: { source: "${source}", name: $name }) { ok results { error { message } } } }`,
      { name: GROUP },
    );
    expect(group.data!.createGroup.ok, JSON.stringify(group)).toBe(true);
    const audit = gw.rollcall.store.audit;
    for (let i = 0; i < SEEDED; i++)
      await audit.recordIntent({
        at: new Date(Date.UTC(2025, 0, 1, 0, 0, i)),
        caller: "key:seeder",
        operation: "setUserActive",
        planId: null,
        stepId: null,
        sourceId: "elsewhere",
        target: `elsewhere:User:${i}`,
        personKey: null,
        action: "DEACTIVATE_ACCOUNT",
        before: { active: true },
        after: { active: false },
      });
  });
  afterAll(async () => {
    await gw?.stop();
    await idp?.stop();
  });

  const exportOf = (query: string, authorization: string | null = `Bearer ${gw.keys.read}`) =>
    fetch(`${gw.rollcall.origin}/audit/export${query}`, {
      headers: authorization ? { authorization } : {},
    });

  it("writes JSON lines: one event per line, as auditEvents answers them, as an attachment", async () => {
    const response = await exportOf(`?format=jsonl&source=${source}&action=CREATE_ACCOUNT`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/x-ndjson; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(
      /^attachment; filename="rollcall-audit-.+\.jsonl"$/,
    );
    const lines = (await response.text()).split("\n");
    expect(lines.pop()).toBe("");
    expect(lines.map((l) => JSON.parse(l))).toEqual(
      await auditEvents(gw, { source, action: "CREATE_ACCOUNT" }),
    );
    expect(JSON.parse(lines[0]!).after).toEqual({
      email: "ann.smith@example.com",
      firstName: FIRST_NAME,
      lastName: LAST_NAME,
    });
  });

  it("streams an export of many store pages, every event once and in order", async () => {
    const response = await exportOf("?source=elsewhere");
    // Streamed as it is read: no length known up front.
    expect(response.headers.get("content-length")).toBeNull();
    expect(response.headers.get("transfer-encoding")).toBe("chunked");
    const targets = (await response.text())
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l).target);
    expect(targets).toEqual(Array.from({ length: SEEDED }, (_, i) => `elsewhere:User:${i}`));
  });

  it("writes CSV with a header row, quoting commas, quotes and line breaks", async () => {
    const response = await exportOf(`?format=csv&source=${source}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(/filename="rollcall-audit-.+\.csv"$/);
    const text = await response.text();
    // The field with the name is quoted, its quotes doubled, its line break kept inside the quotes.
    expect(text).toContain(',"Auditors, ""inner circle""\nsecond line",');
    const [header, ...rows] = parseCsv(text);
    expect(header).toEqual([
      "id",
      "at",
      "caller",
      "operation",
      "source",
      "target",
      "person",
      "action",
      "before",
      "after",
      "outcome",
      "code",
      "message",
      "vendorStatus",
      "settled",
      "answeredAt",
      "plan",
      "step",
    ]);
    expect(rows).toHaveLength(2);
    const [invite, created] = rows.map((r) => Object.fromEntries(header!.map((name, i) => [name, r[i]])));
    expect(created).toMatchObject({
      target: GROUP,
      action: "CREATE_GROUP",
      after: JSON.stringify({ name: GROUP }),
    });
    const row = invite!;
    expect(row).toMatchObject({
      caller: "key:test-writer",
      operation: "inviteUser",
      source,
      target: "ann.smith@example.com",
      action: "CREATE_ACCOUNT",
      before: "",
      outcome: "APPLIED",
      settled: "false",
    });
    expect(JSON.parse(row.after!)).toEqual({
      email: "ann.smith@example.com",
      firstName: FIRST_NAME,
      lastName: LAST_NAME,
    });
    expect(new Date(row.at!).toISOString()).toBe(row.at);
  });

  it("filters by time as auditEvents does", async () => {
    const response = await exportOf("?since=2025-01-01T00:00:10Z&until=2025-01-01T00:00:12Z");
    const targets = (await response.text())
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l).target);
    expect(targets).toEqual(["elsewhere:User:10", "elsewhere:User:11"]);
  });

  it.each([
    ["?format=xml", "format"],
    ["?since=yesterday", "since"],
    ["?person=nobody", "person"],
    ["?outcome=MAYBE", "outcome"],
    ["?colour=red", "colour"],
    ["?source=a&source=b", "source"],
  ])("refuses %s with 400, naming %s", async (query, field) => {
    const response = await exportOf(query);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: "BAD_USER_INPUT", field });
  });

  it("needs the credentials a GraphQL read needs: 401 without, 403 without read scope", async () => {
    const anonymous = await exportOf("", null);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ code: "UNAUTHENTICATED" });
    const scopeless = await exportOf("", `Bearer ${await idp.sign("eve", "openid")}`);
    expect(scopeless.status).toBe(403);
    expect(await scopeless.json()).toMatchObject({ code: "FORBIDDEN" });
    const reader = await exportOf("", `Bearer ${await idp.sign("ada", "openid rollcall:read")}`);
    expect(reader.status).toBe(200);
    await reader.text();
  });

  it("answers 503 AUDIT_UNAVAILABLE, sending nothing else, when the store can't be read", async () => {
    const audit = gw.rollcall.store.audit;
    const list = audit.list.bind(audit);
    audit.list = async () => {
      throw new Error("the store is gone");
    };
    try {
      const response = await exportOf("?format=csv");
      expect(response.status).toBe(503);
      const body = await response.json();
      expect(body).toMatchObject({ code: "AUDIT_UNAVAILABLE" });
      expect(JSON.stringify(body)).not.toContain("the store is gone");
    } finally {
      audit.list = list;
    }
  });
});
