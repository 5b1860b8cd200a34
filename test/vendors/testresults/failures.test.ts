import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import type { SourceConfig } from "../../../src/config/config-schema.js";
import { parseConfig } from "../../../src/config/load-config.js";
import { SourceSession } from "../../../src/loaders/source-session.js";
import { ErrorCode, SourceError } from "../../../src/model/errors.js";
import { connect } from "../../../src/vendors/capabilities.js";
import { testResults } from "../../../src/vendors/testresults/index.js";
import { TESTRESULTS_DEMO_TOKEN } from "../../../src/vendors/testresults/simulator/auth.js";
import type { TestResultsSimulator } from "../../../src/vendors/testresults/simulator/index.js";
import { archiveGroup } from "../../../src/vendors/testresults/simulator/mutations.js";
import { startVendor, type VendorHarness } from "../../support/vendor-harness.js";
import { LEGACY_QA_ID, STAKEHOLDER_ID } from "./sim-picks.js";

/** A read that fails is an error, never an empty directory, group or "no access". */

const started: VendorHarness[] = [];
async function start() {
  const h = await startVendor(testResults, { users: 40, overrides: { retries: 0 } });
  started.push(h);
  return { h, sim: h.sim as TestResultsSimulator };
}
afterEach(async () => {
  await Promise.all(started.splice(0).map((h) => h.stop()));
});

const ALL = { filter: { includeArchived: true }, offset: 0, limit: 500 };

describe("TestResults.io: a group's user list that answers 404", () => {
  it("counts as empty when a fresh read confirms the group was deleted after the customer was read", async () => {
    const { h, sim } = await start();
    const session = h.session();
    // The customer (with the group live) is read first in this operation…
    await h.connector.groups?.list({ filter: {}, offset: 0, limit: 50 }, session);
    // …then the (empty) group is deleted, and its list is gone.
    const group = sim.state.groups.get(LEGACY_QA_ID.toLowerCase());
    if (!group) throw new Error("seed changed");
    for (const id of sim.state.members.get(LEGACY_QA_ID.toLowerCase()) ?? []) sim.state.users.delete(id);
    archiveGroup(sim.state, group);
    sim.state.members.delete(LEGACY_QA_ID.toLowerCase());
    sim.log.clear();
    const page = await h.connector.users.list(ALL, session);
    expect(page.items.length).toBeGreaterThan(0);
    // The 404, then one fresh customer read that shows the group archived.
    const customerReads = sim.log.list().filter((e) => e.path === "/management/customers/current");
    expect(customerReads).toHaveLength(1);
  });

  it("is the source's problem when the customer still lists the group live: never an empty group", async () => {
    const { h, sim } = await start();
    // The customer lists Stakeholder, its user list route answers 404.
    sim.state.members.delete(STAKEHOLDER_ID.toLowerCase());
    const error = await h.connector.users.list(ALL, h.session()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceError);
    expect((error as SourceError).code).toBe(ErrorCode.SOURCE_MISCONFIGURED);
    expect((error as SourceError).message).toContain(
      `lists user group ${STAKEHOLDER_ID} but does not serve GET management/customers/current/groups/{id}/users`,
    );
    // Permissions come from the same directory: they fail with it, never "no access".
    await expect(h.connector.permissions?.ofUsers(["x"], h.session())).rejects.toThrow(/does not serve/);
  });
});

describe("TestResults.io: Group.members when the group's list answers 404", () => {
  it("is the source's problem while the customer lists the group live", async () => {
    const { h, sim } = await start();
    sim.state.members.delete(STAKEHOLDER_ID.toLowerCase());
    const [answer] = (await h.connector.groups?.members([STAKEHOLDER_ID], h.session())) ?? [];
    expect((answer as SourceError).code).toBe(ErrorCode.SOURCE_MISCONFIGURED);
  });

  it("is NOT_FOUND of a group the customer doesn't list", async () => {
    const { h } = await start();
    const [answer] =
      (await h.connector.groups?.members(["00000000-0000-4000-8000-00000000dead"], h.session())) ?? [];
    expect((answer as SourceError).code).toBe(ErrorCode.NOT_FOUND);
  });
});

describe("TestResults.io: project permissions", () => {
  it("names no project: one asked for is NOT_FOUND, not a project nobody can access", async () => {
    const { h } = await start();
    const [answer] = (await h.connector.permissions?.ofProjects(["42"], h.session())) ?? [];
    expect(answer).toBeInstanceOf(SourceError);
    expect((answer as SourceError).code).toBe(ErrorCode.NOT_FOUND);
  });
});

describe("TestResults.io: answers not shaped as the doc page shows", () => {
  /** A server answering the customer and every group list with `bodies`. */
  async function serve(bodies: { customer: unknown; users: unknown }) {
    const server = http.createServer((req, res) => {
      res.writeHead(200, { "content-type": "application/json; charset=utf-8" });
      res.end(JSON.stringify(req.url?.endsWith("/users") ? bodies.users : bodies.customer));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const { port } = server.address() as AddressInfo;
    const entry = {
      id: "trio",
      kind: "testresults",
      baseUrl: `http://127.0.0.1:${port}`,
      auth: { token: TESTRESULTS_DEMO_TOKEN },
      retries: 0,
    };
    const config = parseConfig({ sources: [entry] }).sources[0] as SourceConfig;
    const connector = connect(testResults, config);
    return {
      list: () => connector.users.list(ALL, new SourceSession(connector)).catch((e: unknown) => e),
      async close() {
        await connector.close();
        await new Promise((r) => server.close(r));
      },
    };
  }
  const group = {
    Id: "34815f3d-cf2f-4653-8677-1d3ebc51e2ef",
    Name: "Administrators",
    UsagePermission: "Login",
  };

  it("a customer without UserGroups is a bad response, not an empty directory", async () => {
    const { list, close } = await serve({ customer: { Name: "Test & Demo GmbH", Id: "c" }, users: [] });
    try {
      expect(((await list()) as SourceError).code).toBe(ErrorCode.SOURCE_BAD_RESPONSE);
    } finally {
      await close();
    }
  });

  it("a group list that is not the page's bare array is a bad response, not an empty group", async () => {
    const { list, close } = await serve({
      customer: { Name: "Test & Demo GmbH", Id: "c", UserGroups: [group] },
      users: { Users: [] },
    });
    try {
      expect(((await list()) as SourceError).code).toBe(ErrorCode.SOURCE_BAD_RESPONSE);
    } finally {
      await close();
    }
  });
});
