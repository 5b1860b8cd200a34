import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SourceConfig } from "../../../src/config/config-schema.js";
import { parseConfig } from "../../../src/config/load-config.js";
import { SourceSession } from "../../../src/loaders/source-session.js";
import { ErrorCode, type SourceError } from "../../../src/model/errors.js";
import type { UserRecord } from "../../../src/model/records.js";
import { connect } from "../../../src/vendors/capabilities.js";
import { qacomplete } from "../../../src/vendors/qacomplete/index.js";
import type { QacSimulator } from "../../../src/vendors/qacomplete/simulator/index.js";

/**
 * A person configures the QAComplete instance as they know it: the host they open
 * (`https://rest.qacomplete.smartbear.com`, an on-premise server's root), or a URL copied from the
 * docs that already holds `/rest-api/service` or the whole `/rest-api/service/api/v1`.
 */
describe("QAComplete baseUrl, every form a person may configure, over real HTTP", () => {
  let sim: QacSimulator;
  let root: string;

  beforeAll(async () => {
    sim = qacomplete.simulator.create({ users: 3 }) as QacSimulator;
    root = await sim.start();
  });
  afterAll(() => sim.stop());

  const connectorFor = (baseUrl: string) => {
    const entry = { ...qacomplete.simulator.demoSource(root, "qac"), baseUrl, retries: 0 };
    const config = parseConfig({ sources: [entry] }).sources[0] as SourceConfig;
    return connect(qacomplete, config);
  };

  it("gives the demo the instance root, not an API path", () => {
    expect(new URL(root).pathname).toBe("/");
    expect(qacomplete.simulator.demoSource(root, "qac").baseUrl).toBe(root);
  });

  const forms = [
    "",
    "/",
    "/rest-api/service",
    "/rest-api/service/",
    "/rest-api/service/api/v1",
    "/rest-api/service/api/v1/",
  ];
  for (const form of forms)
    it(`reads users and their security groups with baseUrl <root>${form}`, async () => {
      const connector = connectorFor(`${root.replace(/\/$/, "")}${form}`);
      sim.log.clear();
      try {
        await connector.probe();
        const [user] = await connector.users.getMany(["24793"], new SourceSession(connector));
        expect((user as UserRecord).displayName).toBe("John Doe");
        const [permissions] =
          (await connector.permissions?.ofUsers(["24793"], new SourceSession(connector))) ?? [];
        expect(permissions).toHaveLength(2);
      } finally {
        await connector.close();
      }
      const log = sim.log.list();
      expect(log.length).toBeGreaterThan(0);
      expect(log.map((e) => e.status).filter((s) => s !== 200)).toEqual([]);
    });

  it("names the route and the configuration when the baseUrl points elsewhere (a 404 on a route)", async () => {
    const connector = connectorFor(`${root.replace(/\/$/, "")}/qacomplete`);
    try {
      const error = (await connector.probe().catch((e: unknown) => e)) as SourceError;
      expect(error.code).toBe(ErrorCode.SOURCE_MISCONFIGURED);
      expect(error.message).toContain("does not serve GET depts/{id}/users:");
    } finally {
      await connector.close();
    }
  });
});
