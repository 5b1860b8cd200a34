import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Capability } from "../../src/model/capabilities.js";
import { vendors } from "../../src/vendors/registry.js";
import { type GatewayHarness, startGateway } from "../support/gateway-harness.js";
import { capabilitiesOfVendor } from "../support/pick-vendor.js";

interface RelationPage {
  totalCount: number;
  edges: Array<{ cursor: string; node: { id: string } }>;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
}

const ALL = `{ users(first: 100) { nodes { id projects { nodes { id } } } } }`;

const PAGE = `query Page($id: ID!, $first: Int, $after: String) {
  node(id: $id) {
    ... on User {
      projects(first: $first, after: $after) {
        totalCount
        edges { cursor node { id } }
        pageInfo { hasNextPage hasPreviousPage endCursor }
      }
    }
  }
}`;

// A user's relations resolve outside type-graphql's argument handling (schema/build-schema.ts):
// their arguments must still page and be checked exactly as declared, and a user's relation must
// come in the same order however a vendor read it (index cursors depend on it). Every vendor with
// projects.
describe.each(vendors.filter((v) => capabilitiesOfVendor(v).has(Capability.PROJECTS)))(
  "a $kind user's projects as a connection",
  (vendor) => {
    let gw: GatewayHarness;
    let user: { id: string; projects: string[] };

    beforeAll(async () => {
      gw = await startGateway({ instances: [{ vendor, id: vendor.kind }], users: 12 });
      const { data } = await gw.gql<{
        users: { nodes: Array<{ id: string; projects: { nodes: Array<{ id: string }> } }> };
      }>(ALL);
      const withSeveral = data?.users.nodes.find((u) => u.projects.nodes.length >= 2);
      if (!withSeveral) throw new Error("the simulator has no user with two projects");
      user = { id: withSeveral.id, projects: withSeveral.projects.nodes.map((p) => p.id) };
    });
    afterAll(() => gw?.stop());

    it("pages one project at a time with first and after, and ends where the list ends", async () => {
      const seen: string[] = [];
      let after: string | null = null;
      for (let guard = 0; guard < 50; guard++) {
        const answer: { data?: { node: { projects: RelationPage } }; errors?: unknown } = await gw.gql<{
          node: { projects: RelationPage };
        }>(PAGE, { id: user.id, first: 1, after });
        expect(answer.errors).toBeUndefined();
        const page: RelationPage = answer.data!.node.projects;
        expect(page.totalCount).toBe(user.projects.length);
        expect(page.edges).toHaveLength(1);
        expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
        seen.push(page.edges[0]!.node.id);
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(seen).toEqual(user.projects);
    });

    it("answers a negative first with BAD_USER_INPUT naming `first`", async () => {
      const { errors } = await gw.gql(PAGE, { id: user.id, first: -1 });
      expect(errors?.[0]?.extensions).toEqual({ code: "BAD_USER_INPUT", field: "first" });
    });

    it("answers a cursor it never issued with BAD_USER_INPUT naming `after`", async () => {
      const { errors } = await gw.gql(PAGE, { id: user.id, first: 1, after: "bm9wZQ" });
      expect(errors?.[0]?.extensions).toEqual({ code: "BAD_USER_INPUT", field: "after" });
    });
  },
);
