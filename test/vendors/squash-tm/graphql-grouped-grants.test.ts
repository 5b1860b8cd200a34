/** Squash TM grants one user several projects with one permission group in one call, with a list of ids. */
import { afterAll, beforeAll, expect, it } from "vitest";
import { squashTm } from "../../../src/vendors/squash-tm/index.js";
import { type GatewayHarness, startGateway } from "../../support/gateway-harness.js";

let gw: GatewayHarness;
beforeAll(async () => {
  gw = await startGateway({ instances: [{ vendor: squashTm, id: "squash-tm" }], users: 20 });
});
afterAll(() => gw?.stop());

it("grants one user several projects with one group in one call with a list of ids", async () => {
  gw.clearLogs();
  const { data } = await gw.mutate<{ assignUsersToProjects: { ok: boolean } }>(`mutation {
    assignUsersToProjects(input: { assignments: [
      { user: "squash-tm:User:1003", project: "squash-tm:Project:370", role: "test_runner" },
      { user: "squash-tm:User:1003", project: "squash-tm:Project:371", role: "test_runner" },
      { user: "squash-tm:User:1003", project: "squash-tm:Project:372", role: "test_runner" }
    ] }) { ok results { status } }
  }`);
  expect(data!.assignUsersToProjects.ok).toBe(true);
  const writes = gw.sims
    .get("squash-tm")!
    .log.list()
    .filter((e) => e.method !== "GET")
    .map((e) => `${e.method} ${e.path}?${decodeURIComponent(e.query)}`);
  expect(writes).toEqual(["POST /users/1003/permissions/test_runner?ids=370,371,372"]);
  const after = await gw.gql<{
    node: { permissions: Array<{ role: string; project: { id: string } | null }> };
  }>(`{ node(id: "squash-tm:User:1003") { ... on User { permissions { role project { id } } } } }`);
  for (const project of [370, 371, 372])
    expect(after.data!.node.permissions).toContainEqual({
      role: "test_runner",
      project: { id: `squash-tm:Project:${project}` },
    });
});
