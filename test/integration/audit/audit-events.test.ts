/**
 * `auditEvents`: the trail read back, filtered by person, source, caller, action, outcome, plan and
 * time, paged as a Relay connection; bad filters named by field. The events are the store's: most
 * are recorded through the store as writes record them (to set callers, plans and instants), one
 * by a real mutation.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Capability } from "../../../src/model/capabilities.js";
import { type AuditIntent, AuditOutcome } from "../../../src/store/store.js";
import { auditEvents } from "../../support/audit-trail.js";
import { type GatewayHarness, startGateway } from "../../support/gateway-harness.js";
import { vendorWhere } from "../../support/pick-vendor.js";

const vendor = vendorWhere((c) => c.capabilities.has(Capability.DEACTIVATE_USERS), "that deactivates users");
const source = vendor.kind;
const T0 = Date.parse("2026-01-01T00:00:00Z");
const at = (hour: number) => new Date(T0 + hour * 3_600_000);

describe("auditEvents", () => {
  let gw: GatewayHarness;
  let dana: { id: string; email: string };
  beforeAll(async () => {
    gw = await startGateway({ instances: [{ vendor, id: source }], users: 4 });
    const audit = gw.rollcall.store.audit;
    const seed = async (hour: number, fields: Partial<AuditIntent>, outcome?: AuditOutcome) => {
      const id = await audit.recordIntent({
        at: at(hour),
        caller: "key:seeder",
        operation: "setUserActive",
        planId: null,
        stepId: null,
        sourceId: "elsewhere",
        target: `elsewhere:User:${hour}`,
        personKey: `person.${hour}@example.com`,
        action: "DEACTIVATE_ACCOUNT",
        before: { active: true },
        after: { active: false },
        ...fields,
      });
      if (outcome)
        await audit.recordResult(id, {
          at: at(hour),
          outcome: outcome as Exclude<AuditOutcome, AuditOutcome.PENDING>,
          code: null,
          message: null,
          vendorStatus: null,
          settled: false,
        });
    };
    await seed(1, {}, AuditOutcome.APPLIED);
    await seed(2, { caller: "token:https://idp.example.com#ada" }, AuditOutcome.REFUSED);
    await seed(
      3,
      { action: "ASSIGN_ROLE", planId: "plan-7", stepId: "s2", operation: "applyPlan" },
      AuditOutcome.APPLIED,
    );
    await seed(4, {});
    await seed(5, { personKey: "account:elsewhere:User:5" }, AuditOutcome.UNCHANGED);

    const { data } = await gw.gql<{ users: { nodes: Array<{ id: string; email: string }> } }>(
      `{ users(first: 1, filter: { active: true }) { nodes { id email } } }`,
    );
    dana = data!.users.nodes[0]!;
    const answer = await gw.mutate(
      `mutation { setUserActive(input: { users: ["${dana.id}"], active: false }) { ok } }`,
    );
    expect(answer.errors).toBeUndefined();
  });
  afterAll(() => gw?.stop());

  const targets = async (filter: Record<string, unknown>) =>
    (await auditEvents(gw, filter)).map((e) => e.target);

  it("lists every event oldest first, with its intent and latest outcome", async () => {
    const events = await auditEvents(gw);
    expect(events.map((e) => e.target)).toEqual(
      [1, 2, 3, 4, 5].map((h) => `elsewhere:User:${h}`).concat(dana.id),
    );
    expect(events[2]).toMatchObject({
      at: at(3).toISOString(),
      caller: "key:seeder",
      operation: "applyPlan",
      source: "elsewhere",
      action: "ASSIGN_ROLE",
      before: { active: true },
      outcome: "APPLIED",
      plan: "plan-7",
      step: "s2",
    });
    expect(events[3]).toMatchObject({ outcome: "PENDING", answeredAt: null, settled: false });
  });

  it("filters by person: an email in any case, or a Person's id", async () => {
    expect(await targets({ person: dana.email.toUpperCase() })).toEqual([dana.id]);
    expect(await targets({ person: `Person:${encodeURIComponent("account:elsewhere:User:5")}` })).toEqual([
      "elsewhere:User:5",
    ]);
  });

  it("filters by source, caller, action, outcome and plan", async () => {
    expect(await targets({ source })).toEqual([dana.id]);
    expect(await targets({ caller: "token:https://idp.example.com#ada" })).toEqual(["elsewhere:User:2"]);
    expect(await targets({ caller: "key:test-writer" })).toEqual([dana.id]);
    expect(await targets({ action: "ASSIGN_ROLE" })).toEqual(["elsewhere:User:3"]);
    expect(await targets({ outcome: "PENDING" })).toEqual(["elsewhere:User:4"]);
    expect(await targets({ outcome: "REFUSED" })).toEqual(["elsewhere:User:2"]);
    expect(await targets({ plan: "plan-7" })).toEqual(["elsewhere:User:3"]);
    expect(await targets({ source: "elsewhere", outcome: "APPLIED" })).toEqual([
      "elsewhere:User:1",
      "elsewhere:User:3",
    ]);
  });

  it("filters by time: since is inclusive, until exclusive", async () => {
    expect(await targets({ since: at(2).toISOString(), until: at(4).toISOString() })).toEqual([
      "elsewhere:User:2",
      "elsewhere:User:3",
    ]);
  });

  it("pages with cursors, each event once, and says when there is no more", async () => {
    const PAGE = `query ($after: String) { auditEvents(first: 4, after: $after) { pageInfo { hasNextPage hasPreviousPage endCursor } edges { cursor node { target } } } }`;
    type Page = {
      auditEvents: {
        pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string };
        edges: Array<{ cursor: string; node: { target: string } }>;
      };
    };
    const one = (await gw.gql<Page>(PAGE)).data!.auditEvents;
    expect(one.edges).toHaveLength(4);
    expect(one.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(one.pageInfo.endCursor).toBe(one.edges[3]!.cursor);
    const two = (await gw.gql<Page>(PAGE, { after: one.pageInfo.endCursor })).data!.auditEvents;
    expect(two.edges.map((e) => e.node.target)).toEqual(["elsewhere:User:5", dana.id]);
    expect(two.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
  });

  it.each([
    [{ filter: { person: "nobody" } }, "filter.person"],
    [{ filter: { person: "Person:" } }, "filter.person"],
    [{ filter: { source: "Not A Source" } }, "filter.source"],
    [{ filter: { caller: " " } }, "filter.caller"],
    [{ filter: { since: "2026-01-02T00:00:00Z", until: "2026-01-01T00:00:00Z" } }, "filter.until"],
    [{ first: 100_000 }, "first"],
    [{ first: -1 }, "first"],
    [{ after: "bm90LWEtY3Vyc29y" }, "after"],
  ])("refuses %j, naming %s", async (variables, field) => {
    const { data, errors } = await gw.gql(
      `query ($filter: AuditFilterInput, $first: Int, $after: String) { auditEvents(filter: $filter, first: $first, after: $after) { nodes { id } } }`,
      variables,
    );
    expect(data).toBeNull();
    expect(errors![0]!.extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
  });

  it("refuses an action or outcome that is not one, and a time that is not a date-time", async () => {
    for (const filter of [{ action: "DANCE" }, { outcome: "MAYBE" }, { since: "yesterday" }]) {
      const { errors } = await gw.gql(
        "query ($filter: AuditFilterInput) { auditEvents(filter: $filter) { nodes { id } } }",
        { filter },
      );
      expect(errors![0]!.extensions!.code, JSON.stringify(filter)).toBe("BAD_USER_INPUT");
      expect(errors![0]!.message).toContain(Object.keys(filter)[0]);
    }
  });

  it("offers no mutation that changes or deletes an event", async () => {
    const { data } = await gw.gql<{ __schema: { mutationType: { fields: Array<{ name: string }> } } }>(
      "{ __schema { mutationType { fields { name } } } }",
    );
    expect(
      data!.__schema.mutationType.fields.map((f) => f.name).filter((n) => /audit|event/i.test(n)),
    ).toEqual([]);
  });
});

describe("auditEvents needs read credentials", () => {
  let gw: GatewayHarness;
  beforeAll(async () => {
    gw = await startGateway({
      instances: [{ vendor, id: source }],
      users: 1,
      auth: { anonymousReads: false },
    });
  });
  afterAll(() => gw?.stop());

  it("refuses an anonymous caller before anything runs, and answers a read key", async () => {
    const query = "{ auditEvents { nodes { id } } }";
    const anonymous = await gw.gql(query);
    expect(anonymous.status).toBe(401);
    expect(anonymous.errors![0]!.extensions!.code).toBe("UNAUTHENTICATED");
    const read = await gw.gql(query, undefined, { authorization: `Bearer ${gw.keys.read}` });
    expect(read.errors).toBeUndefined();
  });
});
