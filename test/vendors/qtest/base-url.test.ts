/**
 * qTest's paths hang from the site root (`/api/v3/...`, `/oauth/token`; qTest API Specifications,
 * "Structure of the URI": `<qTest_base_URI>/<path_to_resource>`). A person may configure the site as
 * they know it or paste the API URL from the docs (`https://<site>.qtestnet.com/api/v3`), with or
 * without a trailing slash: every form reaches the same simulator over real HTTP, logins included.
 */

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SourceConfig } from "../../../src/config/config-schema.js";
import { parseConfig } from "../../../src/config/load-config.js";
import { SourceSession } from "../../../src/loaders/source-session.js";
import type { ProjectRecord } from "../../../src/model/records.js";
import { connect } from "../../../src/vendors/capabilities.js";
import { siteRootOf } from "../../../src/vendors/qtest/connector.js";
import { qtest } from "../../../src/vendors/qtest/index.js";
import { createQTestSimulator, type QTestSimulator } from "../../../src/vendors/qtest/simulator/index.js";
import { ADMIN_USER } from "../../../src/vendors/qtest/simulator/seed.js";

let sim: QTestSimulator;
let root: string;
beforeAll(async () => {
  sim = createQTestSimulator({ users: 5 });
  root = await sim.start();
});
afterAll(() => sim?.stop());

const forms = () => [root, `${root}/`, `${root}/api/v3`, `${root}/api/v3/`, `${root}/API/v3/`];

function connectorAt(baseUrl: string, auth?: Record<string, unknown>) {
  const entry = { ...qtest.simulator.demoSource(baseUrl, "src"), ...(auth ? { auth } : {}) };
  const config = parseConfig({ sources: [entry] }).sources[0] as SourceConfig;
  return connect(qtest, config as never);
}

describe("qTest baseUrl", () => {
  it("resolves every form to the site root", () => {
    for (const url of ["https://acme.qtestnet.com", "https://acme.qtestnet.com/api/v3/"])
      expect(siteRootOf(url)).toBe("https://acme.qtestnet.com/");
    expect(siteRootOf("https://intranet.example.com/qtest/api/v3")).toBe(
      "https://intranet.example.com/qtest/",
    );
  });

  it("reads users and projects with an API token, and gives project pages at the site root, in every form", async () => {
    for (const baseUrl of forms()) {
      const connector = connectorAt(baseUrl);
      try {
        sim.log.clear();
        await connector.probe();
        const users = await connector.users.list(
          { filter: {}, offset: 0, limit: 3 },
          new SourceSession(connector),
        );
        expect(users.items, baseUrl).toHaveLength(3);
        const [project] = (await connector.projects!.getMany(["1"], new SourceSession(connector))) as [
          ProjectRecord,
        ];
        expect(project.url, baseUrl).toBe(`${root}/p/1/portal/project`);
        expect(
          sim.log.list().every((e) => e.status === 200 && e.path.startsWith("/api/v3/")),
          baseUrl,
        ).toBe(true);
      } finally {
        await connector.close();
      }
    }
  });

  it("logs in at the site root's /oauth/token in every form", async () => {
    for (const baseUrl of forms()) {
      const connector = connectorAt(baseUrl, {
        username: ADMIN_USER.username,
        password: ADMIN_USER.password,
      });
      try {
        const issued = sim.tokens.issued;
        await connector.probe();
        expect(sim.tokens.issued, baseUrl).toBe(issued + 1);
      } finally {
        await connector.close();
      }
    }
  });
});
