import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import type { SourceConfig } from "../../../src/config/config-schema.js";
import { parseConfig } from "../../../src/config/load-config.js";
import { SourceSession } from "../../../src/loaders/source-session.js";
import { ErrorCode, SourceError } from "../../../src/model/errors.js";
import { PermissionLevel, type PermissionRecord } from "../../../src/model/records.js";
import { connect } from "../../../src/vendors/capabilities.js";
import { qacomplete } from "../../../src/vendors/qacomplete/index.js";
import type { QacSimulator } from "../../../src/vendors/qacomplete/simulator/index.js";
import { setGroup } from "../../../src/vendors/qacomplete/simulator/state.js";
import { startVendor, type VendorHarness } from "../../support/vendor-harness.js";

/** A read that fails is an error in its slot, never an empty list or "no access". */

const started: VendorHarness[] = [];
async function start() {
  const h = await startVendor(qacomplete, { users: 5, id: "qac", overrides: { retries: 0 } });
  started.push(h);
  return { h, sim: h.sim as QacSimulator };
}
afterEach(async () => {
  await Promise.all(started.splice(0).map((h) => h.stop()));
});

const permissionsOf = (value: PermissionRecord[] | Error | undefined) => {
  if (!Array.isArray(value)) throw value ?? new Error("no answer");
  return value.map((p) => `${p.userId}:${p.role}:${p.level}`);
};

describe("QAComplete: project permissions when a member's security groups can't be read", () => {
  it("reports a member filed only in another department as holding an UNKNOWN role, not as missing", async () => {
    const { h, sim } = await start();
    // 29001 (department 9001 only) holds a group on 11873, a project of 8162: the project lists
    // them, but /depts/8162/users/29001/securitygroups can't (the user is not under 8162).
    setGroup(sim.state, 29001, 11873, "Testers");
    const [permissions] = (await h.connector.permissions?.ofProjects(["11873"], h.session())) ?? [];
    expect(permissionsOf(permissions)).toContain(`29001:null:${PermissionLevel.UNKNOWN}`);
    const unknown = (permissions as PermissionRecord[]).find((p) => p.userId === "29001");
    expect(unknown).toMatchObject({ projectId: "11873", role: null, level: PermissionLevel.UNKNOWN });
    // The department's own members keep their roles.
    expect(permissionsOf(permissions)).toContain(`24793:Testers:${PermissionLevel.EXECUTE}`);
  });

  it("fails the project's slot when a member of THIS department has no readable groups (the vendor contradicts itself)", async () => {
    const { h, sim } = await start();
    // 30001 stays listed on its projects and in 8162's user list, but 8162's routes no longer
    // find it: its groups read answers 404. That is not "no access".
    const projectId = [...(sim.state.memberships.get(30001)?.keys() ?? [])][0] as number;
    sim.state.userDepts.get(30001)?.delete(8162);
    const [answer] = (await h.connector.permissions?.ofProjects([String(projectId)], h.session())) ?? [];
    expect(answer).toBeInstanceOf(SourceError);
    expect((answer as SourceError).message).toContain("30001");
  });

  it("reports a listed user whose groups answer 404 as the source's problem, not as a missing user", async () => {
    const { h, sim } = await start();
    sim.state.userDepts.get(30001)?.delete(8162);
    const [answer] = (await h.connector.permissions?.ofUsers(["30001"], h.session())) ?? [];
    expect(answer).toBeInstanceOf(SourceError);
    expect((answer as SourceError).code).toBe(ErrorCode.SOURCE_MISCONFIGURED);
    expect((answer as SourceError).message).toContain("securitygroups");
  });
});

describe("QAComplete: a membership whose security group the vendor doesn't name", () => {
  /** 30001 holds two projects; the vendor names the group of one and not of the other. */
  async function unnamed() {
    const { h, sim } = await start();
    const [named, blank] = [11873, 11874];
    sim.state.memberships.set(30001, new Map());
    setGroup(sim.state, 30001, named, "Testers");
    setGroup(sim.state, 30001, blank, "");
    return { h, sim, named: String(named), blank: String(blank) };
  }

  it('reads as access of an UNKNOWN role (role null), not a custom role called ""', async () => {
    const { h, blank } = await unnamed();
    const [permissions] = (await h.connector.permissions?.ofUsers(["30001"], h.session())) ?? [];
    expect(permissionsOf(permissions)).toEqual([
      `30001:Testers:${PermissionLevel.EXECUTE}`,
      `30001:null:${PermissionLevel.UNKNOWN}`,
    ]);
    expect((permissions as PermissionRecord[])[1]).toMatchObject({ projectId: blank, role: null });
  });

  it("is never rewritten without its group: an unassign that would PUT the list back refuses and writes nothing", async () => {
    const { h, sim, named } = await unnamed();
    sim.log.clear();
    const access = h.connector.writes?.access;
    const [answer] = (await access?.revoke([{ userId: "30001", projectId: named }], h.session())) ?? [];
    expect(answer).toBeInstanceOf(SourceError);
    expect((answer as SourceError).message).toContain("nothing was changed");
    expect(sim.log.list().filter((e) => e.method !== "GET")).toEqual([]);
    expect([...(sim.state.memberships.get(30001)?.keys() ?? [])]).toHaveLength(2);
  });
});

describe("QAComplete: a list answer without its results", () => {
  /** A server that answers every users list with the wrapper's metadata and no `results`. */
  async function serveWithoutResults() {
    const server = http.createServer((req, res) => {
      res.writeHead(200, { "content-type": "application/json; charset=utf-8" });
      if (req.url?.includes("/users"))
        res.end(JSON.stringify({ metadata: { result_set: { count: 1, offset: 0, limit: 1, total: 1 } } }));
      else res.end(JSON.stringify({ id: 8162, dept_name: "Quality Engineering" }));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const { port } = server.address() as AddressInfo;
    const entry = { ...qacomplete.simulator.demoSource(`http://127.0.0.1:${port}`, "qac"), retries: 0 };
    const config = parseConfig({ sources: [entry] }).sources[0] as SourceConfig;
    const connector = connect(qacomplete, config);
    return {
      connector,
      async close() {
        await connector.close();
        await new Promise((r) => server.close(r));
      },
    };
  }

  it("is a bad response, not users that don't exist", async () => {
    const { connector, close } = await serveWithoutResults();
    try {
      const [answer] = await connector.users.getMany(["24793"], new SourceSession(connector));
      expect(answer).toBeInstanceOf(SourceError);
      expect((answer as SourceError).code).toBe(ErrorCode.SOURCE_BAD_RESPONSE);
    } finally {
      await close();
    }
  });

  it("is a bad response, not an empty directory or a free email", async () => {
    const { connector, close } = await serveWithoutResults();
    try {
      const list = await connector.users
        .list({ filter: {}, offset: 0, limit: 10 }, new SourceSession(connector))
        .catch((e: unknown) => e);
      expect((list as SourceError).code).toBe(ErrorCode.SOURCE_BAD_RESPONSE);
      const invite = await connector.writes?.users
        ?.invite(
          { email: "new.person@example.com", firstName: "New", lastName: "Person" },
          new SourceSession(connector),
        )
        .catch((e: unknown) => e);
      expect((invite as SourceError).code).toBe(ErrorCode.SOURCE_BAD_RESPONSE);
    } finally {
      await close();
    }
  });
});

describe("QAComplete: a project's member list that answers 404", () => {
  /** A server listing project 11873 in department 8162, whose members route answers 404. */
  async function serve(listed: boolean) {
    const server = http.createServer((req, res) => {
      const path = new URL(req.url ?? "/", "http://x").pathname;
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
        res.end(JSON.stringify(body));
      };
      if (path.endsWith("/projects"))
        send(200, {
          metadata: { result_set: { count: listed ? 1 : 0, offset: 0, limit: 1000, total: listed ? 1 : 0 } },
          results: listed ? [{ id: "11873", dept_id: "8162", proj_name: "Sample Project" }] : [],
        });
      else if (path.endsWith("/depts/8162")) send(200, { id: 8162, dept_name: "Quality Engineering" });
      else send(404, { Message: "No HTTP resource was found that matches the request URI." });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const { port } = server.address() as AddressInfo;
    const entry = { ...qacomplete.simulator.demoSource(`http://127.0.0.1:${port}`, "qac"), retries: 0 };
    const config = parseConfig({ sources: [entry] }).sources[0] as SourceConfig;
    const connector = connect(qacomplete, config);
    return {
      ofProject: async () =>
        ((await connector.permissions?.ofProjects(["11873"], new SourceSession(connector))) ?? [])[0],
      async close() {
        await connector.close();
        await new Promise((r) => server.close(r));
      },
    };
  }

  it("is the source's problem when the department still lists the project", async () => {
    const { ofProject, close } = await serve(true);
    try {
      const answer = (await ofProject()) as SourceError;
      expect(answer.code).toBe(ErrorCode.SOURCE_MISCONFIGURED);
      expect(answer.message).toContain("lists project 11873 but does not serve GET projects/{id}/users");
    } finally {
      await close();
    }
  });

  it("is NOT_FOUND of the project when a fresh read no longer lists it", async () => {
    const { ofProject, close } = await serve(false);
    try {
      expect(((await ofProject()) as SourceError).code).toBe(ErrorCode.NOT_FOUND);
    } finally {
      await close();
    }
  });
});
