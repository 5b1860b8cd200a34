/**
 * A qTest instance that does not serve `GET /api/v3/groups` (404), next to one that does, through
 * the gateway over real HTTP: everything else keeps answering; groups from that source are said to
 * be unavailable once per operation (UNSUPPORTED_BY_SOURCE, naming the source), never an empty list;
 * the source remembers the missing route, the other source is untouched.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { QTestSimulator } from "../../../src/vendors/qtest/simulator/index.js";
import { type GatewayHarness, type GraphQLResponse, startGateway } from "../../support/gateway-harness.js";
import { qtestInstance } from "./instances.js";

let gw: GatewayHarness;
beforeAll(async () => {
  gw = await startGateway({
    instances: [
      { vendor: qtestInstance({ groups: false }), id: "qtest" },
      { vendor: qtestInstance({}), id: "qtest-groups" },
    ],
    users: 20,
  });
});
afterAll(() => gw?.stop());
beforeEach(() => gw.clearLogs());

const groupCalls = (id: string) =>
  (gw.sims.get(id) as QTestSimulator).log.list().filter((e) => e.path === "/api/v3/groups");

type Errors = NonNullable<GraphQLResponse["errors"]>;
const unsupported = (errors: Errors | undefined) =>
  (errors ?? []).filter((e) => e.extensions?.code === "UNSUPPORTED_BY_SOURCE");

interface UserView {
  id: string;
  groups: { nodes: Array<{ name: string }> } | null;
  permissions: Array<{ level: string }> | null;
  projects: { nodes: Array<{ name: string }> } | null;
}

const DIRECTORY = `{
  users(first: 10, sources: ["qtest"]) {
    nodes { id groups { nodes { name } } permissions { level } projects { nodes { name } } }
  }
}`;

describe("a qTest instance without GET /groups", () => {
  it("answers users, projects and permissions, and says once that it offers no groups", async () => {
    const { data, errors } = await gw.gql<{ users: { nodes: UserView[] } }>(DIRECTORY);
    const users = data!.users.nodes;
    expect(users).toHaveLength(10);
    expect(users.every((u) => u.groups === null)).toBe(true);
    expect(users.every((u) => Array.isArray(u.permissions))).toBe(true);
    expect(users.some((u) => (u.projects?.nodes.length ?? 0) > 0)).toBe(true);

    expect(errors).toHaveLength(1);
    expect(errors![0]).toMatchObject({
      path: ["users", "nodes", 0, "groups"],
      extensions: { code: "UNSUPPORTED_BY_SOURCE", source: "qtest", vendor: "Tricentis qTest Manager" },
    });
    expect(errors![0]!.message).toContain('Source "qtest"');
    expect(errors![0]!.message).toContain("does not offer user groups");
  });

  it("remembers the missing route: later operations do not ask it again", async () => {
    await gw.gql(DIRECTORY);
    const again = await gw.gql(DIRECTORY);
    expect(unsupported(again.errors)).toHaveLength(1);
    expect(groupCalls("qtest")).toEqual([]);
  });

  it("lists the other source's groups and says once, for both places, that this one has none", async () => {
    const { data, errors } = await gw.gql<{
      groups: { nodes: Array<{ id: string; members: { totalCount: number } | null }> };
      users: { nodes: UserView[] };
    }>(`{
      groups(first: 50) { nodes { id members { totalCount } } }
      users(first: 5, sources: ["qtest"]) { nodes { id groups { nodes { name } } } }
    }`);
    const ids = data!.groups.nodes.map((g) => g.id);
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.every((id) => id.startsWith("qtest-groups:"))).toBe(true);
    expect(data!.groups.nodes.every((g) => (g.members?.totalCount ?? 0) > 0)).toBe(true);
    expect(data!.users.nodes.every((u) => u.groups === null)).toBe(true);
    expect(errors).toHaveLength(1);
    expect(errors![0]).toMatchObject({ extensions: { code: "UNSUPPORTED_BY_SOURCE", source: "qtest" } });
    expect(groupCalls("qtest-groups")).toHaveLength(1);
  });

  it("answers a group id of that source with null and the same one error", async () => {
    const { data, errors } = await gw.gql<{ node: unknown }>(`{ node(id: "qtest:Group:1") { id } }`);
    expect(data!.node).toBeNull();
    expect(unsupported(errors)).toHaveLength(1);
  });

  it("refuses an invite into groups there as UNSUPPORTED_BY_SOURCE on input.groups, and creates nothing", async () => {
    const { data, errors } = await gw.mutate<{
      inviteUser: { ok: boolean; results: Array<{ status: string; error: { code: string; field: string } }> };
    }>(`mutation {
      inviteUser(input: { sources: ["qtest"], email: "grouped@example.org", firstName: "G", lastName: "R", groups: ["qtest:Group:1"] }) {
        ok results { status error { code field } }
      }
    }`);
    expect(errors).toBeUndefined();
    expect(data!.inviteUser.ok).toBe(false);
    expect(data!.inviteUser.results[0]?.error).toMatchObject({
      code: "UNSUPPORTED_BY_SOURCE",
      field: "input.groups",
    });
    const writes = (gw.sims.get("qtest") as QTestSimulator).log.list().filter((e) => e.method !== "GET");
    expect(writes).toEqual([]);
  });
});
