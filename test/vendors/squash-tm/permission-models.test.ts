/**
 * How the Squash TM connector learns which permission reads an instance serves, counted on the
 * simulator's request log over real HTTP: once per source, at a stated cost, telling a missing
 * route from a missing object by reading the object — and never answering "no access" for a read
 * that failed.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { ErrorCode, SourceError } from "../../../src/model/errors.js";
import type { PermissionRecord } from "../../../src/model/records.js";
import { squashTm } from "../../../src/vendors/squash-tm/index.js";
import {
  createSquashSimulator,
  type SquashSimulator,
  type SquashSimulatorOptions,
} from "../../../src/vendors/squash-tm/simulator/index.js";
import type { VendorModule } from "../../../src/vendors/vendor-module.js";
import { startVendor, type VendorHarness } from "../../support/vendor-harness.js";

let h: VendorHarness | undefined;
afterEach(() => h?.stop());

async function start(options: SquashSimulatorOptions): Promise<VendorHarness> {
  const vendor = {
    ...squashTm,
    simulator: { ...squashTm.simulator, create: () => createSquashSimulator({ users: 20, ...options }) },
  } as VendorModule;
  h = await startVendor(vendor);
  return h;
}
const sim = () => h!.sim as SquashSimulator;
const calls = () => h!.sim.log.list().map((e) => `${e.method} ${e.path} ${e.status}`);
const roles = (list: readonly PermissionRecord[]) =>
  list.map((p) => `${p.role}@${p.projectId ?? "*"}`).sort();

async function rejection(promise: Promise<unknown>): Promise<SourceError> {
  return promise.then(
    () => expect.unreachable("expected a rejection") as never,
    (error: unknown) => error as SourceError,
  );
}

describe("Squash TM: learning the instance's project read", () => {
  it("tries clearances, then the older project permissions, once: one call more on the first project only", async () => {
    await start({ permissionModel: "project-permissions" });
    const holders = await h!.session().permissionsOfProject!.loadMany(["367", "368", "369"]);
    expect(holders.every(Array.isArray)).toBe(true);
    expect(calls().sort()).toEqual(
      [
        "GET /projects/367/clearances 404",
        "GET /projects/367/permissions 200",
        "GET /projects/368/permissions 200",
        "GET /projects/369/permissions 200",
      ].sort(),
    );
    expect((holders[2] as PermissionRecord[]).map((p) => `${p.userId}/${p.role}`)).toContain("486/validator");

    // Remembered for the source: a later request goes straight to the route learnt.
    h!.sim.log.clear();
    await h!.session().permissionsOfProject!.loadMany(["370"]);
    expect(calls()).toEqual(["GET /projects/370/permissions 200"]);
  });

  it("learns that no project read is served only after reading the project, then answers from every user's own permissions", async () => {
    await start({ permissionModel: "user-permissions" });
    const session = h!.session();
    const [holders] = await session.permissionsOfProject!.loadMany(["369"]);
    expect(calls().slice(0, 3)).toEqual([
      "GET /projects/369/clearances 404",
      "GET /projects/369/permissions 404",
      "GET /projects/369 200",
    ]);
    const expected = [...sim().state.permissions]
      .filter(([, grants]) => grants.has(369))
      .map(([userId, grants]) => `${userId}/${grants.get(369)}`)
      .sort();
    expect((holders as PermissionRecord[]).map((p) => `${p.userId}/${p.role}`).sort()).toEqual(expected);
    expect(calls().filter((c) => / \/users\/\d+\/permissions 200$/.test(c))).toHaveLength(
      sim().state.users.size,
    );
  });

  it("takes another project when the one it asked was deleted meanwhile, learning nothing from it", async () => {
    await start({ permissionModel: "project-permissions" });
    sim().state.projects.delete(367);
    const [gone, there] = await h!.session().permissionsOfProject!.loadMany(["367", "368"]);
    expect(gone).toBeInstanceOf(SourceError);
    expect((gone as SourceError).code).toBe(ErrorCode.NOT_FOUND);
    expect(there).toEqual(expect.arrayContaining([expect.objectContaining({ userId: "486" })]));
    expect(calls()).toEqual([
      "GET /projects/367/clearances 404",
      "GET /projects/367/permissions 404",
      "GET /projects/367 404",
      "GET /projects/368/clearances 404",
      "GET /projects/368/permissions 200",
    ]);
  });

  it("learns once for concurrent batches: the others wait and use the route learnt", async () => {
    await start({ permissionModel: "project-permissions" });
    await Promise.all([
      h!.session().permissionsOfProject!.loadMany(["367", "368"]),
      h!.session().permissionsOfProject!.loadMany(["369", "370"]),
    ]);
    expect(calls().filter((c) => c.includes("/clearances"))).toHaveLength(1);
    expect(calls().filter((c) => c.endsWith("/permissions 200"))).toHaveLength(4);
  });
});

describe("Squash TM: learning the instance's per-user read", () => {
  it("takes a 405 on GET /users/{id}/permissions as the route missing, and reads the projects instead", async () => {
    await start({ permissionModel: "project-permissions" });
    const session = h!.session();
    const [list] = await session.permissionsOfUser!.loadMany(["486"]);
    expect(roles(list as PermissionRecord[])).toEqual([
      "advanced_tester@367",
      "advanced_tester@368",
      "validator@369",
    ]);
    expect(calls()).toContain("GET /users/486/permissions 405");
    expect(calls().filter((c) => c.startsWith("GET /users/486 "))).toHaveLength(1);

    h!.sim.log.clear();
    await h!.session().permissionsOfUser!.loadMany(["1003"]);
    expect(calls().filter((c) => c.includes("/users/1003/permissions"))).toEqual([]);
  });

  it("answers NOT_FOUND for a user deleted meanwhile, never an empty list", async () => {
    await start({ permissionModel: "user-permissions" });
    const session = h!.session();
    const [first] = await session.permissionsOfUser!.loadMany(["486"]);
    expect(Array.isArray(first)).toBe(true);
    sim().state.users.delete(1002);
    const [gone] = await h!.session().permissionsOfUser!.loadMany(["1002"]);
    expect((gone as SourceError).code).toBe(ErrorCode.NOT_FOUND);
  });
});

describe("Squash TM: a read that fails is never 'no access'", () => {
  it("skips a project deleted between the project list and its read, having read the project to be sure", async () => {
    await start({ permissionModel: "clearances" });
    const session = h!.session();
    h!.connector.prefetch!(new Set(["permissions"]), session);
    await vi.waitFor(() => expect(calls()).toContain("GET /projects 200"));
    const holdersOf370 = [...sim().state.permissions].filter(([, g]) => g.has(370)).map(([id]) => String(id));
    expect(holdersOf370.length).toBeGreaterThan(0);
    sim().state.projects.delete(370);
    const ids = [...sim().state.users.keys()].map(String);
    const lists = await session.permissionsOfUser!.loadMany(ids);
    expect(lists.every(Array.isArray)).toBe(true);
    expect(calls()).toEqual(
      expect.arrayContaining(["GET /projects/370/clearances 404", "GET /projects/370 404"]),
    );
    for (const list of lists)
      expect((list as PermissionRecord[]).some((p) => p.projectId === "370")).toBe(false);
  });

  it("reports a route that served before and 404s on a project that exists as an error, and learns again next time", async () => {
    await start({ permissionModel: "clearances" });
    await h!.session().permissionsOfProject!.loadMany(["367"]);
    h!.sim.faults.inject({ kind: "5xx", status: 404, match: "GET /projects/368/clearances", times: 1 });
    const [failed] = await h!.session().permissionsOfProject!.loadMany(["368"]);
    expect(failed).toBeInstanceOf(SourceError);
    expect((failed as SourceError).code).toBe(ErrorCode.SOURCE_MISCONFIGURED);
    expect(calls()).toContain("GET /projects/368 200");
    h!.sim.log.clear();
    const [again] = await h!.session().permissionsOfProject!.loadMany(["368"]);
    expect(Array.isArray(again)).toBe(true);
    expect(calls()).toEqual(["GET /projects/368/clearances 200"]);
  });

  it("answers SOURCE_MISCONFIGURED, naming the three reads, on an instance that serves none of them", async () => {
    await start({
      permissionReads: { clearances: false, projectPermissions: false, userPermissions: false },
    });
    const error = await rejection(h!.session().permissionsOfUser!.load("486"));
    expect(error.code).toBe(ErrorCode.SOURCE_MISCONFIGURED);
    expect(error.message).toMatch(/clearances.*projects\/\{id\}\/permissions.*users\/\{id\}\/permissions/);
    const projectError = await rejection(h!.session().permissionsOfProject!.load("369"));
    expect(projectError.code).toBe(ErrorCode.SOURCE_MISCONFIGURED);
    const ids = [...sim().state.users.keys()].slice(0, 12).map(String);
    const lists = await h!.session().permissionsOfUser!.loadMany(ids);
    expect(lists.every((l) => l instanceof SourceError && l.code === ErrorCode.SOURCE_MISCONFIGURED)).toBe(
      true,
    );
  });

  it("answers NOT_FOUND for an id that is not a Squash id, without a call", async () => {
    await start({});
    const session = h!.session();
    const answers = [
      ...(await session.permissionsOfUser!.loadMany(["abc"])),
      ...(await session.permissionsOfProject!.loadMany(["x1"])),
      ...(await h!.connector.users.getMany(["abc", "1,2"], session)),
      ...(await h!.connector.teams!.getMany(["T-1"], session)),
      ...(await h!.connector.projects!.getMany(["1e3"], session)),
      ...(await h!.connector.teams!.members(["abc"], session)),
    ];
    for (const answer of answers) expect((answer as SourceError).code).toBe(ErrorCode.NOT_FOUND);
    expect(calls()).toEqual([]);
  });
});
