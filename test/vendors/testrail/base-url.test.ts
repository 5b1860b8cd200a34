/**
 * TestRail's `baseUrl` as people know it: the instance root (Cloud's host, or an on-premise
 * server's root such as https://intranet/testrail), or that root with TestRail's API path
 * `index.php?/api/v2` already on it (copied from the docs), with or without a trailing slash. Each
 * form against the simulator over real HTTP. A baseUrl that points nowhere is the source's
 * configuration problem, never "no such user".
 */

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SourceConfig } from "../../../src/config/config-schema.js";
import { parseConfig } from "../../../src/config/load-config.js";
import { SourceSession } from "../../../src/loaders/source-session.js";
import { ErrorCode, SourceError } from "../../../src/model/errors.js";
import { connect } from "../../../src/vendors/capabilities.js";
import { testRail } from "../../../src/vendors/testrail/index.js";
import {
  createTestRailSimulator,
  type TestRailSimulator,
} from "../../../src/vendors/testrail/simulator/index.js";

const sims: TestRailSimulator[] = [];

async function started(rootPath?: string) {
  const sim = createTestRailSimulator({ users: 5, rootPath });
  sims.push(sim);
  return { sim, root: await sim.start() };
}

const configAt = (root: string, baseUrl: string) =>
  parseConfig({ sources: [{ ...testRail.simulator.demoSource(root, "src"), baseUrl, retries: 0 }] })
    .sources[0] as SourceConfig;

function connectorAt(root: string, baseUrl: string) {
  return connect(testRail, configAt(root, baseUrl) as never);
}

const forms = (root: string) => [
  root,
  `${root}/`,
  `${root}/index.php`,
  `${root}/index.php?/api/v2`,
  `${root}/index.php?/api/v2/`,
];

let cloud: { sim: TestRailSimulator; root: string };
let onPremise: { sim: TestRailSimulator; root: string };

beforeAll(async () => {
  cloud = await started();
  onPremise = await started("/testrail");
});
afterAll(() => Promise.all(sims.map((s) => s.stop())));

describe("TestRail baseUrl", () => {
  for (const [where, at] of [
    ["a Cloud host", () => cloud],
    ["an on-premise root", () => onPremise],
  ] as const)
    it(`reaches the API from ${where}, with or without index.php?/api/v2 and a trailing slash`, async () => {
      const { sim, root } = at();
      for (const baseUrl of forms(root)) {
        sim.log.clear();
        const connector = connectorAt(root, baseUrl);
        try {
          const [user] = await connector.users.getMany(["1"], new SourceSession(connector));
          expect(user, baseUrl).toMatchObject({ displayName: "Alexis Gonzalez" });
          expect(sim.log.list().map((e) => `${e.method} ${e.path} ${e.status}`)).toEqual([
            "GET /get_user/1 200",
          ]);
        } finally {
          await connector.close();
        }
      }
    });

  it("keeps the instance root as the source's baseUrl, whichever form was configured", () => {
    for (const baseUrl of forms(onPremise.root))
      expect(configAt(onPremise.root, baseUrl).baseUrl).toBe(onPremise.root);
  });

  it("reports a baseUrl that does not serve TestRail's API as misconfigured, naming the route", async () => {
    const connector = connectorAt(cloud.root, `${cloud.root}/wrong`);
    try {
      const [user] = await connector.users.getMany(["1"], new SourceSession(connector));
      expect((user as SourceError).code).toBe(ErrorCode.SOURCE_MISCONFIGURED);
      expect((user as SourceError).message).toContain("does not serve GET get_user/{id}");
    } finally {
      await connector.close();
    }
  });

  it("never answers an email search over a wrong baseUrl with 'no such user'", async () => {
    // TestRail may answer an unknown address with 404 ("400/404", users doc page): that 404
    // counts only once the source has shown it serves the API.
    const connector = connectorAt(cloud.root, `${cloud.root}/wrong`);
    try {
      const search = connector.users.list(
        { filter: { email: "nobody@example.com" }, offset: 0, limit: 10 },
        new SourceSession(connector),
      );
      const error = (await search.catch((e: unknown) => e)) as SourceError;
      expect(error).toBeInstanceOf(SourceError);
      expect(error.code).toBe(ErrorCode.SOURCE_MISCONFIGURED);
      expect(error.message).toContain("does not serve GET get_user_by_email");
    } finally {
      await connector.close();
    }
  });

  it("takes TestRail's 404 for an unknown address as no match once the API answered, asking that once", async () => {
    cloud.sim.settings.unknownEmailStatus = 404;
    const connector = connectorAt(cloud.root, cloud.root);
    try {
      const search = (email: string) =>
        connector.users.list({ filter: { email }, offset: 0, limit: 10 }, new SourceSession(connector));
      cloud.sim.log.clear();
      expect((await search("nobody@example.com")).items).toEqual([]);
      expect((await search("nobody.else@example.com")).items).toEqual([]);
      expect(cloud.sim.log.list().map((e) => `${e.path} ${e.status}`)).toEqual([
        "/get_user_by_email 404",
        "/get_current_user 200",
        "/get_user_by_email 404",
      ]);
    } finally {
      cloud.sim.settings.unknownEmailStatus = 400;
      await connector.close();
    }
  });
});
