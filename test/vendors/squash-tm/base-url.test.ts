/**
 * A Squash TM source's `baseUrl` as people copy it: the instance root they open in a browser
 * (`https://host/squash`), or the API URL of the docs (`…/api/rest/latest`, REFERENCE §2.1), with
 * or without a trailing slash. Each form reaches the simulator's API over real HTTP.
 */

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SourceConfig } from "../../../src/config/config-schema.js";
import { parseConfig } from "../../../src/config/load-config.js";
import { ErrorCode, SourceError } from "../../../src/model/errors.js";
import type { SimServer } from "../../../src/simulator/sim-server.js";
import { connect } from "../../../src/vendors/capabilities.js";
import { squashTm } from "../../../src/vendors/squash-tm/index.js";

let sim: SimServer;
let root: string;
beforeAll(async () => {
  sim = squashTm.simulator.create({ users: 3 });
  root = await sim.start();
});
afterAll(() => sim?.stop());

function connectorFor(baseUrl: string) {
  const entry = { ...squashTm.simulator.demoSource(root, "src"), baseUrl, retries: 0 };
  const config = parseConfig({ sources: [entry] }).sources[0] as SourceConfig;
  return connect(squashTm, config as never);
}

describe("Squash TM baseUrl", () => {
  it("serves the API under the instance root the demo source names", () => {
    expect(root).toMatch(/\/squash$/);
    expect(squashTm.simulator.demoSource(root, "src")).toMatchObject({ baseUrl: root });
  });

  for (const form of ["", "/", "/api/rest/latest", "/api/rest/latest/", "/api/rest", "/API/REST/LATEST"]) {
    it(`reaches the API from the root${form ? ` + "${form}"` : ""}`, async () => {
      const connector = connectorFor(`${root}${form}`);
      try {
        sim.log.clear();
        await connector.probe();
        const [user] = await connector.users.getMany(["486"], undefined as never);
        expect(user).toMatchObject({ login: "User-1" });
        expect(sim.log.list().map((e) => `${e.method} ${e.path} ${e.status}`)).toEqual([
          "GET /users 200",
          "GET /users/486 200",
        ]);
      } finally {
        await connector.close();
      }
    });
  }

  it("reports a baseUrl that reaches no API as the source's configuration, never as a missing user", async () => {
    const connector = connectorFor(`${root}/wrong`);
    try {
      const error = await connector.probe().then(
        () => expect.unreachable(),
        (e: unknown) => e as SourceError,
      );
      expect(error).toBeInstanceOf(SourceError);
      expect(error.code).toBe(ErrorCode.SOURCE_MISCONFIGURED);
    } finally {
      await connector.close();
    }
  });
});
