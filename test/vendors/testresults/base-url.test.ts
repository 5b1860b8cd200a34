import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SourceConfig } from "../../../src/config/config-schema.js";
import { parseConfig } from "../../../src/config/load-config.js";
import { SourceSession } from "../../../src/loaders/source-session.js";
import { ErrorCode, type SourceError } from "../../../src/model/errors.js";
import { connect } from "../../../src/vendors/capabilities.js";
import { testResults } from "../../../src/vendors/testresults/index.js";
import type { TestResultsSimulator } from "../../../src/vendors/testresults/simulator/index.js";

/**
 * A person configures the customer's own host (`https://<customer>.testresults.io`), or a URL that
 * already ends in `/api`, as every doc page writes its endpoints (`https://[customer].testresults.io/api/…`).
 */
describe("TestResults.io baseUrl, every form a person may configure, over real HTTP", () => {
  let sim: TestResultsSimulator;
  let root: string;

  beforeAll(async () => {
    sim = testResults.simulator.create({ users: 3 }) as TestResultsSimulator;
    root = await sim.start();
  });
  afterAll(() => sim.stop());

  const connectorFor = (baseUrl: string) => {
    const entry = { ...testResults.simulator.demoSource(root, "trio"), baseUrl, retries: 0 };
    const config = parseConfig({ sources: [entry] }).sources[0] as SourceConfig;
    return connect(testResults, config);
  };

  it("gives the demo the customer's host, not the API path", () => {
    expect(new URL(root).pathname).toBe("/");
  });

  for (const form of ["", "/", "/api", "/api/"])
    it(`signs in and reads the directory with baseUrl <host>${form}`, async () => {
      const connector = connectorFor(`${root.replace(/\/$/, "")}${form}`);
      sim.log.clear();
      try {
        await connector.probe();
        const page = await connector.users.list(
          { filter: {}, offset: 0, limit: 100 },
          new SourceSession(connector),
        );
        expect(page.items.map((u) => u.displayName)).toContain("Tobias Röthlin");
      } finally {
        await connector.close();
      }
      const log = sim.log.list();
      expect(log.map((e) => e.path)).toContain("/token/login");
      expect(log.map((e) => e.status).filter((s) => s !== 200)).toEqual([]);
    });

  it("names the route and the configuration when the baseUrl points elsewhere (a 404 on a route)", async () => {
    const connector = connectorFor(`${root.replace(/\/$/, "")}/portal`);
    try {
      const error = (await connector.probe().catch((e: unknown) => e)) as SourceError;
      expect(error.code).toBe(ErrorCode.SOURCE_MISCONFIGURED);
      expect(error.message).toContain("POST token/login");
    } finally {
      await connector.close();
    }
  });
});
