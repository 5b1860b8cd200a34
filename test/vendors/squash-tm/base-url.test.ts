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
import { basicAuth } from "../../../src/vendors/http/auth.js";
import { createHttpClient } from "../../../src/vendors/http/http-client.js";
import { SquashClient } from "../../../src/vendors/squash-tm/client.js";
import { describeSquashError } from "../../../src/vendors/squash-tm/connector.js";
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

  describe("a 404 on a route that names a person by login", () => {
    // A login as many instances have them: an email address. The simulator's 404 quotes the path
    // it was sent ("No route for GET /squash/wrong/…/users/login/ada.lovelace%40example.com").
    const login = "ada.lovelace@example.com";
    const forms = [login, encodeURIComponent(login), "ada.lovelace"];

    /** The Squash client the connector makes, over a baseUrl that reaches no API. */
    function misconfigured() {
      const { auth } = squashTm.simulator.demoSource(root, "src") as unknown as {
        auth: { username: string; password: string };
      };
      const http = createHttpClient({
        sourceId: "src",
        vendor: "Squash TM",
        describe: describeSquashError,
        apiBase: `${root}/wrong/api/rest/latest/`,
        auth: basicAuth(auth.username, auth.password),
        timeoutMs: 2000,
        retries: 0,
        maxConcurrency: 2,
      });
      return { client: new SquashClient(http), close: () => http.close() };
    }

    /** Everything a client or a log line is given of the error. */
    const told = (error: SourceError) => JSON.stringify({ ...error, message: error.message });

    it("names the route's template, never the login, in the error and the vendor's words it repeats", async () => {
      const { client, close } = misconfigured();
      try {
        sim.log.clear();
        const error = (await client.getUserByLogin(login).catch((e: unknown) => e)) as SourceError;
        expect(error).toBeInstanceOf(SourceError);
        // The login did reach the simulator (the request was real), and came back in its 404.
        const sent = sim.log.list().map((e) => `${e.method} ${e.path} ${e.status}`);
        expect(sent).toHaveLength(1);
        expect(sent[0]).toMatch(
          /^GET .*\/squash\/wrong\/api\/rest\/latest\/users\/login\/ada\.lovelace%40example\.com 404$/,
        );
        expect(error.code).toBe(ErrorCode.SOURCE_MISCONFIGURED);
        expect(error.message).toContain(`Source "src" (Squash TM) does not serve GET users/login/{id}:`);
        expect(error.vendorMessage).toMatch(/^No route for GET .*\/users\/login\/\[redacted\]$/);
        for (const form of forms) expect(told(error)).not.toContain(form);
      } finally {
        close();
      }
    });

    it("keeps the login out of a 404 read as the object's too (a user's teams)", async () => {
      const { client, close } = misconfigured();
      try {
        const error = (await client.getUserTeams(login, 10).catch((e: unknown) => e)) as SourceError;
        expect(error).toBeInstanceOf(SourceError);
        expect(error.code).toBe(ErrorCode.NOT_FOUND);
        expect(error.vendorMessage).toContain("users/login/[redacted]/teams");
        for (const form of forms) expect(told(error)).not.toContain(form);
      } finally {
        close();
      }
    });
  });
});
