import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { squashTm } from "../../src/vendors/squash-tm/index.js";
import { testRail } from "../../src/vendors/testrail/index.js";
import { type GatewayHarness, startGateway } from "../support/gateway-harness.js";

interface Page {
  users: {
    totalCount: number | null;
    edges: Array<{ cursor: string; node: { id: string } }>;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

const QUERY = `query Page($first: Int!, $after: String, $filter: UserFilterInput) {
  users(first: $first, after: $after, filter: $filter) {
    totalCount
    edges { cursor node { id } }
    pageInfo { hasNextPage endCursor }
  }
}`;

describe("cursor paging across sources", () => {
  let gw: GatewayHarness;
  beforeAll(async () => {
    gw = await startGateway({
      instances: [
        { vendor: squashTm, id: "alpha" },
        { vendor: squashTm, id: "beta" },
        { vendor: squashTm, id: "gamma" },
      ],
      users: 10,
    });
  });
  afterAll(() => gw?.stop());

  async function walk(first: number, filter?: Record<string, unknown>): Promise<string[]> {
    const ids: string[] = [];
    let after: string | null = null;
    for (let guard = 0; guard < 100; guard++) {
      const { data, errors }: { data?: Page; errors?: unknown } = await gw.gql<Page>(QUERY, {
        first,
        after,
        filter,
      });
      expect(errors).toBeUndefined();
      ids.push(...data!.users.edges.map((e) => e.node.id));
      if (!data!.users.pageInfo.hasNextPage) return ids;
      after = data!.users.pageInfo.endCursor;
    }
    throw new Error("paging did not end");
  }

  it("walks every source in config order, without gaps or repeats, whatever the page size", async () => {
    const all = await walk(1000);
    expect(all).toHaveLength(36);
    expect(all.slice(0, 12).every((id) => id.startsWith("alpha:"))).toBe(true);
    expect(all.slice(24).every((id) => id.startsWith("gamma:"))).toBe(true);
    for (const size of [1, 7, 10, 11]) expect(await walk(size)).toEqual(all);
  });

  it("resumes after a filtered page exactly where it stopped", async () => {
    const inactive = await walk(1000, { active: false });
    expect(inactive.length).toBeGreaterThan(0);
    expect(await walk(1, { active: false })).toEqual(inactive);
  });

  it("counts every source even when the page comes from one", async () => {
    const { data } = await gw.gql<Page>(QUERY, { first: 3 });
    expect(data!.users.totalCount).toBe(36);
    const later = await gw.gql<Page>(QUERY, { first: 3, after: data!.users.pageInfo.endCursor });
    expect(later.data!.users.totalCount).toBe(36);
  });

  it("counts a filter the vendor can't search once Rollcall has scanned every user", async () => {
    const { data } = await gw.gql<Page>(QUERY, { first: 5, filter: { nameContains: "ada" } });
    expect(data!.users.edges.map((e) => e.node.id)).toEqual([
      "alpha:User:1000",
      "beta:User:1000",
      "gamma:User:1000",
    ]);
    expect(data!.users.totalCount).toBe(3);
  });

  it("counts a filter a vendor can't search from the users the page already read", async () => {
    const filter = { nameContains: "a" };
    const matching = await walk(1000, filter);
    gw.clearLogs();
    const { data } = await gw.gql<Page>(QUERY, { first: 1, filter });
    expect(data!.users.edges).toHaveLength(1);
    expect(data!.users.totalCount).toBe(matching.length);
    // Each source's 12 users came in the page's one scanning read: counting them cost nothing more.
    expect(gw.upstreamCounts()).toEqual({ alpha: 1, beta: 1, gamma: 1 });
  });
});

describe("totalCount of a source that reports no total", () => {
  let gw: GatewayHarness;
  afterAll(() => gw?.stop());

  it("is read and counted up to server.countScanLimit positions, and null past them", async () => {
    gw = await startGateway({ instances: [{ vendor: testRail, id: "testrail" }], users: 20 });
    const all = await gw.gql<Page>(QUERY, { first: 1000 });
    gw.clearLogs();
    const { data } = await gw.gql<Page>(QUERY, { first: 2 });
    expect(data!.users.totalCount).toBe(all.data!.users.edges.length);
    // The page (2 users), a one-user probe for a total (none), then every user in one 250-user page.
    expect(gw.upstreamCounts()).toEqual({ testrail: 3 });
    await gw.stop();

    gw = await startGateway({
      instances: [{ vendor: testRail, id: "testrail" }],
      users: 20,
      server: { countScanLimit: 10 },
    });
    expect((await gw.gql<Page>(QUERY, { first: 2 })).data!.users.totalCount).toBeNull();
  });
});
