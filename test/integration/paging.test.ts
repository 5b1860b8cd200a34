import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type GatewayHarness, startGateway } from "../support/gateway-harness.js";
import { anyVendor } from "../support/pick-vendor.js";

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
        { vendor: anyVendor(), id: "alpha" },
        { vendor: anyVendor(), id: "beta" },
        { vendor: anyVendor(), id: "gamma" },
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
    const each = all.length / 3;
    expect(each).toBeGreaterThanOrEqual(10);
    expect(new Set(all).size).toBe(all.length);
    expect(all.slice(0, each).every((id) => id.startsWith("alpha:"))).toBe(true);
    expect(all.slice(each, 2 * each).every((id) => id.startsWith("beta:"))).toBe(true);
    expect(all.slice(2 * each).every((id) => id.startsWith("gamma:"))).toBe(true);
    for (const size of [1, 7, 10, 11]) expect(await walk(size)).toEqual(all);
  });

  it("resumes after a filtered page exactly where it stopped", async () => {
    const inactive = await walk(1000, { active: false });
    expect(inactive.length).toBeGreaterThan(0);
    expect(await walk(1, { active: false })).toEqual(inactive);
  });

  it("counts every source even when the page comes from one", async () => {
    const all = await walk(1000);
    const { data } = await gw.gql<Page>(QUERY, { first: 3 });
    expect(data!.users.totalCount).toBe(all.length);
    const later = await gw.gql<Page>(QUERY, { first: 3, after: data!.users.pageInfo.endCursor });
    expect(later.data!.users.totalCount).toBe(all.length);
  });

  it("counts a name filter once every user has been read, whether the vendor searched or Rollcall did", async () => {
    const filter = { nameContains: "ada" };
    const matching = await walk(1000, filter);
    expect(matching.length).toBeGreaterThanOrEqual(3); // the same person in each source
    const { data } = await gw.gql<Page>(QUERY, { first: 5, filter });
    expect(data!.users.edges.map((e) => e.node.id)).toEqual(matching.slice(0, 5));
    expect(data!.users.totalCount).toBe(matching.length);
  });

  it("counts a filter from the users the page already read: the count costs no call", async () => {
    const filter = { nameContains: "a" };
    const matching = await walk(1000, filter);
    gw.clearLogs();
    await gw.gql(QUERY.replace("totalCount", ""), { first: 1, filter });
    const withoutCount = gw.upstreamCounts();
    gw.clearLogs();
    const { data } = await gw.gql<Page>(QUERY, { first: 1, filter });
    expect(data!.users.edges).toHaveLength(1);
    expect(data!.users.totalCount).toBe(matching.length);
    expect(gw.upstreamCounts()).toEqual(withoutCount);
  });
});
