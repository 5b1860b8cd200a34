import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { squashTm } from "../../../src/vendors/squash-tm/index.js";
import { type GatewayHarness, startGateway } from "../../support/gateway-harness.js";

/** The Squash TM doc page's examples, read through GraphQL from the simulator. */
describe("Squash TM through GraphQL", () => {
  let gw: GatewayHarness;
  beforeAll(async () => {
    gw = await startGateway({ instances: [{ vendor: squashTm, id: "squash" }] });
  });
  afterAll(() => gw?.stop());

  it("maps user 486 (User-1) with Team A, Team B and its three project permissions", async () => {
    const { data, errors } = await gw.gql<{ users: { nodes: Array<Record<string, unknown>> } }>(`{
      users(filter: { login: "User-1" }) {
        nodes {
          id remoteId login displayName email active lastLoginAt
          teams { nodes { name description } }
          permissions { role level project { remoteId name } }
          projects { nodes { remoteId } }
        }
      }
    }`);
    expect(errors).toBeUndefined();
    const [user] = data!.users.nodes;
    expect(user).toMatchObject({
      id: "squash:User:486",
      remoteId: "486",
      login: "User-1",
      displayName: "Charles Dupond",
      email: "charlesdupond@aaaa.aa",
      active: true,
      lastLoginAt: "2018-02-11T11:00:00.000Z",
      teams: {
        nodes: [
          { name: "Team A", description: "black panther" },
          { name: "Team B", description: "black widow" },
        ],
      },
    });
    const permissions = (
      user!.permissions as Array<{ role: string; level: string; project: { remoteId: string } }>
    )
      .map((p) => `${p.role}@${p.project.remoteId}:${p.level}`)
      .sort();
    expect(permissions).toEqual([
      "advanced_tester@367:EXECUTE",
      "advanced_tester@368:EXECUTE",
      "validator@369:EDIT",
    ]);
    expect(
      (user!.projects as { nodes: Array<{ remoteId: string }> }).nodes.map((p) => p.remoteId).sort(),
    ).toEqual(["367", "368", "369"]);
  });

  it("pushes a login filter down to GET /users/login/{login}", async () => {
    gw.clearLogs();
    await gw.gql(`{ users(filter: { login: "User-1" }) { nodes { id } } }`);
    const calls = gw.sims
      .get("squash")!
      .log.list()
      .map((e) => `${e.method} ${e.path}`);
    expect(calls).toEqual(["GET /users/login/User-1"]);
  });

  it("lists Team A's members and the projects with their holders", async () => {
    const { data } = await gw.gql<{ node: { name: string; members: { nodes: Array<{ login: string }> } } }>(
      `{ node(id: "squash:Team:567") { ... on Team { name members { nodes { login } } } } }`,
    );
    expect(data!.node.name).toBe("Team A");
    expect(data!.node.members.nodes.map((m) => m.login)).toContain("User-1");
    const projects = await gw.gql<{
      node: {
        members: { nodes: Array<{ login: string }> };
        permissions: Array<{ role: string; user: { login: string } }>;
      };
    }>(
      `{ node(id: "squash:Project:369") { ... on Project { members { nodes { login } } permissions { role user { login } } } } }`,
    );
    expect(projects.data!.node.permissions).toContainEqual({ role: "validator", user: { login: "User-1" } });
  });
});
