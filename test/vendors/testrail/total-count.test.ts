/**
 * A TestRail source reports no totals (`get_users` pages follow `_links.next`): its totalCount is
 * read and counted up to server.countScanLimit positions, and null past them.
 */
import { afterAll, describe, expect, it } from "vitest";
import { testRail } from "../../../src/vendors/testrail/index.js";
import { type GatewayHarness, startGateway } from "../../support/gateway-harness.js";

const QUERY = `query Page($first: Int!) { users(first: $first) { totalCount edges { node { id } } } }`;
interface Page {
  users: { totalCount: number | null; edges: Array<{ node: { id: string } }> };
}

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
