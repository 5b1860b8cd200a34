/**
 * How the Squash TM connector reads a page of users' teams and permissions, counted on the
 * simulator's request log over real HTTP: teams from the users page and one team list; permissions
 * per user or per project's clearances, whichever costs fewer calls, with the same records either way.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { SourceSession } from "../../../src/loaders/source-session.js";
import type { PermissionRecord, TeamRecord, UserRecord } from "../../../src/model/records.js";
import { squashTm } from "../../../src/vendors/squash-tm/index.js";
import type { SquashSimulator } from "../../../src/vendors/squash-tm/simulator/index.js";
import { startVendor, type VendorHarness } from "../../support/vendor-harness.js";

let h: VendorHarness;
const sim = () => h.sim as SquashSimulator;
/** "METHOD path" of every request since the last clear. */
const calls = () => h.sim.log.list().map((e) => `${e.method} ${e.path}`);
const matching = (pattern: RegExp) => calls().filter((c) => pattern.test(c));
const PER_USER_TEAMS = /^GET \/users\/login\/[^/]+\/teams$/;
const PER_USER_PERMISSIONS = /^GET \/users\/\d+\/permissions$/;
const CLEARANCES = /^GET \/projects\/\d+\/clearances$/;
const api = (path: string) => `GET ${path}`;
let projectCount: number;

beforeAll(async () => {
  h = await startVendor(squashTm, { users: 30 });
  projectCount = sim().state.projects.size;
});
afterAll(() => h?.stop());
beforeEach(() => h.sim.log.clear());

/** A users page as the gateway reads it: listed, then primed into the request's loaders. */
async function listedPage(session: SourceSession, limit: number): Promise<UserRecord[]> {
  const page = await h.connector.users.list({ filter: {}, offset: 0, limit }, session);
  session.prime(page.items);
  return [...page.items];
}

const ok = <T>(results: ReadonlyArray<T | Error>): T[] =>
  results.map((r) => {
    if (r instanceof Error) throw r;
    return r;
  });

/** Each user's permissions read alone, so each takes the per-user endpoint. */
async function oneByOne(ids: readonly string[]): Promise<PermissionRecord[][]> {
  return Promise.all(ids.map((id) => h.session().permissionsOfUser!.load(id)));
}

/** The records in a comparable form: what each way read as `raw` (the vendor's payload) differs. */
const byRemoteId = (list: readonly PermissionRecord[]) =>
  [...list]
    .sort((a, b) => a.remoteId.localeCompare(b.remoteId))
    .map(({ raw: _raw, project, ...rest }) => ({
      ...rest,
      project: project ? { ...project, raw: undefined } : project,
    }));

describe("Squash TM User.teams", () => {
  it("comes from the users page and one team list, with no per-user teams call", async () => {
    const session = h.session();
    const users = await listedPage(session, 25);
    const teams = ok(await session.teamsOfUser!.loadMany(users.map((u) => u.remoteId)));

    expect(matching(PER_USER_TEAMS)).toEqual([]);
    expect(calls().sort()).toEqual([api("/teams"), api("/users")]);
    const usersCall = h.sim.log.list().find((e) => e.path.endsWith("/users"))!;
    expect(new URLSearchParams(usersCall.query).get("fields")?.split(",")).toContain("teams");

    // The same memberships the simulator holds, for every user of the page.
    users.forEach((user, i) => {
      const expected = [...sim().state.teamMembers]
        .filter(([, members]) => members.has(Number(user.remoteId)))
        .map(([teamId]) => String(teamId))
        .sort();
      expect(teams[i]!.map((t) => t.remoteId).sort(), user.login ?? "").toEqual(expected);
    });
  });

  it("gives complete team records: User-1 is in Team A and Team B with descriptions and dates", async () => {
    const session = h.session();
    await listedPage(session, 5);
    const [teams] = ok(await session.teamsOfUser!.loadMany(["486"]));
    expect(teams).toEqual([
      expect.objectContaining({
        remoteId: "567",
        name: "Team A",
        description: "black panther",
        createdAt: new Date("2017-07-04T10:00:00.000Z"),
        updatedAt: new Date("2017-07-05T10:00:00.000Z"),
      }),
      expect.objectContaining({
        remoteId: "568",
        name: "Team B",
        description: "black widow",
        createdAt: new Date("2017-07-04T10:00:00.000Z"),
        updatedAt: new Date("2017-07-05T10:00:00.000Z"),
      }),
    ]);
  });

  it("equals what GET /users/login/{login}/teams gives, the per-user way it replaced", async () => {
    const session = h.session();
    const [user] = await listedPage(session, 2).then((page) => page.filter((u) => u.remoteId === "486"));
    const [fromList] = ok(await session.teamsOfUser!.loadMany(["486"]));

    const bare = h.session();
    const { teams: _omitted, ...rest } = user!.raw as Record<string, unknown>;
    bare.prime([{ ...user!, raw: rest }]);
    h.sim.log.clear();
    const [byLogin] = ok(await bare.teamsOfUser!.loadMany(["486"]));

    expect(calls()).toEqual([api("/users/login/User-1/teams")]);
    const comparable = (teams: TeamRecord[]) => teams.map(({ raw: _raw, ...team }) => team);
    expect(comparable(fromList!)).toEqual(comparable(byLogin!));
  });

  it("costs no team list when no user of the batch is in a team", async () => {
    const session = h.session();
    const users = await listedPage(session, 40);
    const loners = users.filter((u) => (u.raw as { teams: unknown[] }).teams.length === 0);
    expect(loners.length).toBeGreaterThan(0);
    h.sim.log.clear();
    const teams = ok(await session.teamsOfUser!.loadMany(loners.map((u) => u.remoteId)));
    expect(teams.every((t) => t.length === 0)).toBe(true);
    expect(calls()).toEqual([]);
  });
});

describe("Squash TM User.permissions", () => {
  it("reads every project's clearances once, and no per-user permissions, for a batch larger than the project count", async () => {
    const session = h.session();
    const users = await listedPage(session, 20);
    expect(users.length).toBeGreaterThan(projectCount);
    h.sim.log.clear();
    const lists = ok(await session.permissionsOfUser!.loadMany(users.map((u) => u.remoteId)));

    expect(matching(PER_USER_PERMISSIONS)).toEqual([]);
    expect(matching(CLEARANCES).sort()).toEqual(
      [...sim().state.projects.keys()].map((id) => api(`/projects/${id}/clearances`)).sort(),
    );
    expect(calls()).toHaveLength(1 + projectCount);
    expect(calls()).toContain(api("/projects"));
    const charles = lists[users.findIndex((u) => u.remoteId === "486")]!;
    expect(charles.map((p) => `${p.role}@${p.projectId}:${p.level}`).sort()).toEqual([
      "advanced_tester@367:EXECUTE",
      "advanced_tester@368:EXECUTE",
      "validator@369:EDIT",
    ]);
    expect(charles.every((p) => p.project?.name)).toBe(true);
  });

  it("uses GET /users/{id}/permissions for a single user, without the project list", async () => {
    const [permissions] = ok(await h.session().permissionsOfUser!.loadMany(["486"]));
    expect(calls().sort()).toEqual([api("/users/486"), api("/users/486/permissions")]);
    expect(permissions!.map((p) => `${p.role}@${p.projectId}`).sort()).toEqual([
      "advanced_tester@367",
      "advanced_tester@368",
      "validator@369",
    ]);
  });

  it("keeps one call per user for a batch no larger than the project count", async () => {
    const session = h.session();
    const users = (await listedPage(session, 3)).map((u) => u.remoteId);
    h.sim.log.clear();
    ok(await session.permissionsOfUser!.loadMany(users));
    expect(matching(CLEARANCES)).toEqual([]);
    expect(calls().sort()).toEqual(
      [api("/projects"), ...users.map((id) => api(`/users/${id}/permissions`))].sort(),
    );
  });

  it("gives the same permission records both ways, the global group first", async () => {
    const session = h.session();
    const users = await listedPage(session, 32);
    const ids = users.map((u) => u.remoteId);
    expect(ids.length).toBeGreaterThan(projectCount);
    h.sim.log.clear();
    const fromClearances = ok(await session.permissionsOfUser!.loadMany(ids));
    expect(matching(PER_USER_PERMISSIONS)).toEqual([]);
    const perUser = await oneByOne(ids);
    expect(matching(PER_USER_PERMISSIONS)).toHaveLength(ids.length);

    expect(fromClearances.flat().length).toBeGreaterThan(ids.length);
    expect(fromClearances.some((list) => list[0]?.projectId === null)).toBe(true);
    ids.forEach((id, i) => {
      const a = fromClearances[i]!;
      const b = perUser[i]!;
      expect(a[0]?.projectId === null, `global first for ${id}`).toBe(b[0]?.projectId === null);
      expect(byRemoteId(a), `user ${id}`).toEqual(byRemoteId(b));
    });
  });

  it("leaves out what a team holds: QA Web's project_viewer on Web Portal reaches no member's permissions", async () => {
    const members = new Set([...sim().state.teamMembers.get(570)!].map(String));
    expect(members.size).toBeGreaterThan(1);
    const session = h.session();
    const ids = (await listedPage(session, 40)).map((u) => u.remoteId);
    h.sim.log.clear();
    const lists = ok(await session.permissionsOfUser!.loadMany(ids));
    expect(matching(CLEARANCES)).toHaveLength(projectCount);
    const direct = (id: string) => sim().state.permissions.get(Number(id))?.get(371);
    ids.forEach((id, i) => {
      if (!members.has(id)) return;
      const onWebPortal = lists[i]!.filter((p) => p.projectId === "371").map((p) => p.role);
      expect(onWebPortal, `user ${id}`).toEqual(direct(id) ? [direct(id)] : []);
    });
    expect(ids.filter((id) => members.has(id) && !direct(id)).length).toBeGreaterThan(0);
  });
});

describe("Squash TM Project.permissions", () => {
  it("reads the project's clearances: the direct holders, no team", async () => {
    const session = h.session();
    const [holders] = ok(await session.permissionsOfProject!.loadMany(["371"]));
    expect(calls()).toEqual([api("/projects/371/clearances")]);
    const expected = [...sim().state.permissions]
      .filter(([, grants]) => grants.has(371))
      .map(([userId, grants]) => `${userId}/${grants.get(371)}`)
      .sort();
    expect(holders!.map((p) => `${p.userId}/${p.role}`).sort()).toEqual(expected);
    expect(holders!.some((p) => p.userId === "570")).toBe(false);
  });

  it("names User-1 validator on project 369", async () => {
    const [holders] = ok(await h.session().permissionsOfProject!.loadMany(["369"]));
    expect(holders).toContainEqual(
      expect.objectContaining({ userId: "486", projectId: "369", role: "validator", level: "EDIT" }),
    );
  });
});
