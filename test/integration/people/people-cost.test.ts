/**
 * People cost what the accounts cost: a page of people with their accounts and access asks each
 * vendor exactly the calls the `users` directory of the same accounts asks (the batching floor: no
 * lookup per person), and one person by email exactly what `usersByEmail` asks. Calls are counted
 * where they land, in each simulator's request log, over real HTTP; every registered vendor at once.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { person as seeded } from "../../../src/simulator/people.js";
import { vendors } from "../../../src/vendors/registry.js";
import { type GatewayHarness, startGateway } from "../../support/gateway-harness.js";

const ACCESS = `level role project { name } via { id }`;

describe("what people cost upstream", () => {
  let gw: GatewayHarness;
  beforeAll(async () => {
    gw = await startGateway({ users: 60 });
  });
  afterAll(() => gw?.stop());

  /** Upstream calls of one operation per source, sign-ins left out (they are per connector). */
  async function callsOf(query: string, variables?: Record<string, unknown>) {
    gw.clearLogs();
    const { data, errors } = await gw.gql<Record<string, unknown>>(query, variables);
    expect(errors).toBeUndefined();
    const calls = Object.fromEntries(vendors.map((v) => [v.kind, gw.sims.get(v.kind)!.log.calls().length]));
    return { data: data!, calls };
  }

  it("costs a page of people with accounts and access what the users directory of those accounts costs", async () => {
    const people = await callsOf(`{ people(first: 100) {
      totalCount pageInfo { hasNextPage }
      nodes { id displayName state highestLevel activeIn { id } accounts { id email active } access { ${ACCESS} } } } }`);
    const page = people.data.people as {
      totalCount: number;
      pageInfo: { hasNextPage: boolean };
      nodes: Array<{ accounts: unknown[] }>;
    };
    // The page holds everyone, so the directory below lists exactly its accounts.
    expect(page.pageInfo.hasNextPage).toBe(false);
    const accounts = page.nodes.reduce((n, p) => n + p.accounts.length, 0);

    const directory = await callsOf(`{ users(first: 1000, filter: { includeArchived: true }) {
      nodes { id email active permissions { ${ACCESS} } } } }`);
    expect((directory.data.users as { nodes: unknown[] }).nodes).toHaveLength(accounts);
    expect(people.calls).toEqual(directory.calls);
    for (const vendor of vendors) expect(people.calls[vendor.kind], vendor.kind).toBeGreaterThan(0);
  });

  it("costs a smaller page no more than the whole list and that page's accounts", async () => {
    const small = await callsOf(`{ people(first: 5) { nodes { accounts { id } access { level } } } }`);
    const whole = await callsOf(`{ people(first: 100) { nodes { accounts { id } access { level } } } }`);
    for (const vendor of vendors)
      expect(small.calls[vendor.kind]!, vendor.kind).toBeLessThanOrEqual(whole.calls[vendor.kind]!);
  });

  it("costs one person by email what usersByEmail costs", async () => {
    const email = seeded(3).email;
    const person = await callsOf(
      `query($e: String!) { person(email: $e) { accounts { id email } access { ${ACCESS} } } }`,
      { e: email },
    );
    const byEmail = await callsOf(
      `query($e: String!) { usersByEmail(email: $e) { id email permissions { ${ACCESS} } } }`,
      {
        e: email,
      },
    );
    expect((person.data.person as { accounts: unknown[] }).accounts).toHaveLength(vendors.length);
    expect(person.calls).toEqual(byEmail.calls);
  });

  it("passes the default budget for a full page of people, and refuses a deep, wide one before any call", async () => {
    const full =
      await gw.gql(`{ people(first: 100) { nodes { accounts { id teams { nodes { name } } groups { nodes { name } }
      projects { nodes { name } } } access { ${ACCESS} } } } }`);
    expect(full.errors).toBeUndefined();
    gw.clearLogs();
    const abuse = await gw.gql(`{ people(first: 1000) { nodes { accounts { groups(first: 1000) { nodes {
      members(first: 1000) { nodes { id } } } } } } } }`);
    expect(abuse.status).toBe(400);
    expect(abuse.errors?.[0]?.extensions).toMatchObject({ code: "OPERATION_TOO_COSTLY" });
    expect(Object.values(gw.upstreamCounts()).every((n) => n === 0)).toBe(true);
  });
});
