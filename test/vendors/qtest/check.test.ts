/** `rollcall check` on a qTest account without the admin rights user management needs. */
import { afterAll, beforeAll, expect, it } from "vitest";
import type { SimServer } from "../../../src/simulator/sim-server.js";
import { qtest } from "../../../src/vendors/qtest/index.js";
import { EXAMPLE_USER } from "../../../src/vendors/qtest/simulator/seed.js";
import { rollcall, tableRows, writeConfig } from "../../support/cli.js";

let sim: SimServer;
beforeAll(async () => {
  sim = qtest.simulator.create({ users: 5 });
  await sim.start();
});
afterAll(() => sim?.stop());

it("reports an account without admin rights, naming what qTest said", async () => {
  const path = await writeConfig("plain.yaml", {
    sources: [
      {
        ...qtest.simulator.demoSource(sim.url, "qtest-plain"),
        auth: { username: EXAMPLE_USER.username, password: EXAMPLE_USER.password },
      },
    ],
  });
  const run = await rollcall(["check", "--config", path]);
  expect(run.status).toBe(1);
  const [reachable, authenticated, admin, , problem] = tableRows(run.stdout).get("qtest-plain") ?? [];
  expect([reachable, authenticated, admin]).toEqual(["yes", "yes", "no"]);
  expect(problem).toBe(
    "NO_ADMIN_RIGHTS: Rollcall's account lacks Tricentis qTest Manager's admin rights for user management (GET /api/v3/admin-profiles/current: manage_client_user)",
  );
  expect(run.stdout).not.toContain(EXAMPLE_USER.password);
});
