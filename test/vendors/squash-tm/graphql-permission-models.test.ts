/**
 * Squash TM has served a project's permissions three ways (REFERENCE §2.2; seed page "Get user
 * permissions"): the newer clearances, the older project permissions, and only the per-user read.
 * Run as each kind of instance, the directory reports the same access, read from the instance's
 * own state — never an empty list where a read failed — and each kind's batching floor holds once
 * the source has learnt which reads the instance serves.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { squashTm } from "../../../src/vendors/squash-tm/index.js";
import { projectLevel, SQUASH_GLOBAL_GROUPS } from "../../../src/vendors/squash-tm/levels.js";
import {
  createSquashSimulator,
  type SquashPermissionModel,
  type SquashSimulator,
} from "../../../src/vendors/squash-tm/simulator/index.js";
import { SQUASH_PERMISSION_MODELS } from "../../../src/vendors/squash-tm/simulator/permission-models.js";
import type { SimulatorOptions, VendorModule } from "../../../src/vendors/vendor-module.js";
import { type GatewayHarness, startGateway } from "../../support/gateway-harness.js";

const SOURCE = "squash-tm";
const N = 50;

/** The Squash module with its simulator run as one kind of instance. */
const asInstance = (permissionModel: SquashPermissionModel): VendorModule =>
  ({
    ...squashTm,
    simulator: {
      ...squashTm.simulator,
      create: (options?: SimulatorOptions) => createSquashSimulator({ ...options, permissionModel }),
    },
  }) as VendorModule;

interface Access {
  role: string | null;
  level: string;
  project: { remoteId: string } | null;
}
const line = (p: Access) => `${p.role}@${p.project?.remoteId ?? "*"}:${p.level}`;

/** What the instance holds for a user: the instance-wide group when it grants something, then
 *  the user's own grants (a team's grants are left out on every path; see the vendor README). */
function heldBy(sim: SquashSimulator, userId: number): string[] {
  const user = sim.state.users.get(userId)!;
  const global = Object.entries(SQUASH_GLOBAL_GROUPS).find(([g]) => g === user.group);
  const own = [...(sim.state.permissions.get(userId) ?? [])].map(
    ([projectId, group]) => `${group}@${projectId}:${projectLevel(group)}`,
  );
  return [...(global ? [`${global[0]}@*:${global[1]}`] : []), ...own].sort();
}

function holdersOf(sim: SquashSimulator, projectId: number): string[] {
  return [...sim.state.permissions]
    .filter(([userId, grants]) => grants.has(projectId) && sim.state.users.has(userId))
    .map(([userId, grants]) => `${userId}/${grants.get(projectId)}`)
    .sort();
}

const DIRECTORY = `{
  users(sources: ["${SOURCE}"], first: ${N}) {
    nodes {
      remoteId
      teams { nodes { name } }
      projects { nodes { remoteId } }
      permissions { role level project { remoteId } }
    }
  }
}`;

describe.each(SQUASH_PERMISSION_MODELS)("Squash TM as a %s instance", (model) => {
  let gw: GatewayHarness;
  let sim: SquashSimulator;
  const calls = () => sim.log.list().map((e) => `${e.method} ${e.path}`);
  beforeAll(async () => {
    gw = await startGateway({ instances: [{ vendor: asInstance(model), id: SOURCE }], users: 60 });
    sim = gw.sims.get(SOURCE) as SquashSimulator;
    expect(sim.permissionModel).toBe(model);
  });
  afterAll(() => gw?.stop());

  it("reports every user's access in the directory, as the instance holds it, learning its reads on the way", async () => {
    sim.log.clear();
    const { data, errors } = await gw.gql<{
      users: {
        nodes: Array<{
          remoteId: string;
          permissions: Access[];
          projects: { nodes: Array<{ remoteId: string }> };
        }>;
      };
    }>(DIRECTORY);
    expect(errors).toBeUndefined();
    const users = data!.users.nodes;
    expect(users).toHaveLength(N);
    for (const user of users) {
      const expected = heldBy(sim, Number(user.remoteId));
      expect(user.permissions.map(line).sort(), `user ${user.remoteId}`).toEqual(expected);
      expect(user.projects.nodes.map((p) => p.remoteId).sort(), `user ${user.remoteId}`).toEqual(
        [...(sim.state.permissions.get(Number(user.remoteId))?.keys() ?? [])].map(String).sort(),
      );
    }
    expect(users.filter((u) => u.permissions.length > 0).length).toBeGreaterThan(N - 5);
    // What learning cost on this first request, beyond the floor (README, "Permission models").
    const first = calls();
    const projects = sim.state.projects.size;
    expect(first.length, first.join("\n")).toBe(
      { clearances: 3 + projects, "project-permissions": 3 + projects + 1, "user-permissions": 3 + 3 + N }[
        model
      ],
    );
    if (model !== "clearances") expect(first).toContain("GET /projects/367/clearances");
  });

  it("reports each project's holders and members", async () => {
    const { data, errors } = await gw.gql<{
      projects: {
        nodes: Array<{
          remoteId: string;
          permissions: Array<{ role: string; user: { remoteId: string } }>;
          members: { nodes: Array<{ remoteId: string }> };
        }>;
      };
    }>(
      `{ projects(sources: ["${SOURCE}"]) { nodes { remoteId permissions { role user { remoteId } } members(first: 100) { nodes { remoteId } } } } }`,
    );
    expect(errors).toBeUndefined();
    expect(data!.projects.nodes).toHaveLength(sim.state.projects.size);
    for (const project of data!.projects.nodes) {
      const expected = holdersOf(sim, Number(project.remoteId));
      expect(project.permissions.map((p) => `${p.user.remoteId}/${p.role}`).sort(), project.remoteId).toEqual(
        expected,
      );
      expect(project.members.nodes.map((m) => m.remoteId).sort(), project.remoteId).toEqual(
        expected.map((h) => h.split("/")[0]).sort(),
      );
    }
  });

  it("reports the access of a user found by email", async () => {
    const email = sim.state.users.get(1003)!.email;
    const { data, errors } = await gw.gql<{
      usersByEmail: Array<{ remoteId: string; permissions: Access[] }>;
    }>(
      `query($email: String!) { usersByEmail(email: $email) { remoteId permissions { role level project { remoteId } } } }`,
      { email },
    );
    expect(errors).toBeUndefined();
    expect(data!.usersByEmail.map((u) => u.remoteId)).toEqual(["1003"]);
    expect(data!.usersByEmail[0]!.permissions.map(line).sort()).toEqual(heldBy(sim, 1003));
  });

  it("reads a permission by its id, and answers null for one the user does not hold", async () => {
    const query = `query($id: ID!) { node(id: $id) { ... on Permission { role level user { remoteId } project { remoteId } } } }`;
    const held = await gw.gql<{ node: Access & { user: { remoteId: string } } }>(query, {
      id: `${SOURCE}:Permission:486~369~validator`,
    });
    expect(held.errors).toBeUndefined();
    expect(held.data!.node).toEqual({
      role: "validator",
      level: "EDIT",
      user: { remoteId: "486" },
      project: { remoteId: "369" },
    });
    const absent = await gw.gql<{ node: unknown }>(query, { id: `${SOURCE}:Permission:486~370~validator` });
    expect(absent.errors).toBeUndefined();
    expect(absent.data!.node).toBeNull();
  });

  it("keeps its floor once it has learnt the instance's reads, each distinct call once", async () => {
    sim.log.clear();
    const { errors } = await gw.gql(DIRECTORY);
    expect(errors).toBeUndefined();
    const log = calls();
    expect(new Set(log).size, "no call repeats").toBe(log.length);
    const projects = sim.state.projects.size;
    const floor = {
      clearances: 3 + Math.min(N, projects),
      "project-permissions": 3 + projects,
      "user-permissions": 2 + N,
    }[model];
    expect(log.length, log.join("\n")).toBe(floor);
    expect(
      log
        .filter((c) => / \/projects\/\d+\//.test(c) || / \/users\/\d+\/permissions$/.test(c))
        .every((c) =>
          model === "user-permissions"
            ? c.endsWith("/permissions") && c.includes("/users/")
            : !c.includes("/users/"),
        ),
    ).toBe(true);
  });

  describe("project access writes", () => {
    const project = `${SOURCE}:Project:373`;
    const user = (n: number) => `${SOURCE}:User:${1000 + n}`;
    const PAYLOAD = `ok results { status error { code } permission { role level project { remoteId } } }`;
    const holders = async () =>
      (
        await gw.gql<{ node: { permissions: Array<{ role: string; user: { remoteId: string } }> } }>(
          `{ node(id: "${project}") { ... on Project { permissions { role user { remoteId } } } } }`,
        )
      ).data!.node.permissions.map((p) => `${p.user.remoteId}/${p.role}`);

    it("assigns, and a later query of the user and of the project shows it", async () => {
      const { data, errors } = await gw.mutate<{ assignUsersToProject: { ok: boolean; results: unknown[] } }>(
        `mutation { assignUsersToProject(input: { project: "${project}", users: ["${user(11)}", "${user(12)}"], role: "test_designer" }) { ${PAYLOAD} } }`,
      );
      expect(errors).toBeUndefined();
      expect(data!.assignUsersToProject.ok).toBe(true);
      expect(await holders()).toEqual(expect.arrayContaining(["1011/test_designer", "1012/test_designer"]));
      const later = await gw.gql<{ node: { permissions: Access[] } }>(
        `{ node(id: "${user(11)}") { ... on User { permissions { role level project { remoteId } } } } }`,
      );
      expect(later.data!.node.permissions.map(line)).toContain("test_designer@373:EDIT");
    });

    it("settles a grant whose answer failed by reading the user's access the way the instance serves it", async () => {
      // A group the user does not hold there, so a settling read that found it would be wrong.
      const role =
        sim.state.permissions.get(1013)?.get(373) === "validator" ? "project_manager" : "validator";
      sim.log.clear();
      sim.faults.inject({ kind: "5xx", status: 500, match: "POST /users/1013/permissions", times: 1 });
      const { data } = await gw.mutate<{
        assignUserToProject: {
          ok: boolean;
          results: Array<{ status: string; error: { code: string } | null }>;
        };
      }>(
        `mutation { assignUserToProject(input: { user: "${user(13)}", project: "${project}", role: "${role}" }) { ${PAYLOAD} } }`,
      );
      expect(data!.assignUserToProject.results[0]).toMatchObject({
        status: "FAILED",
        error: { code: "SOURCE_UNAVAILABLE" },
      });
      const settledBy =
        model === "project-permissions" ? "GET /projects/373/permissions" : "GET /users/1013/permissions";
      // Read the way the instance serves: before the write (what the user holds decides what is
      // sent and the status), and after it, to settle it.
      expect(calls().slice(0, 3)).toEqual([settledBy, `POST /users/1013/permissions/${role}`, settledBy]);
      expect(await holders()).not.toContain(`1013/${role}`);
    });

    it("unassigns, and a later query no longer has them", async () => {
      const { data, errors } = await gw.mutate<{ unassignUsersFromProject: { ok: boolean } }>(
        `mutation { unassignUsersFromProject(input: { project: "${project}", users: ["${user(11)}"] }) { ${PAYLOAD} } }`,
      );
      expect(errors).toBeUndefined();
      expect(data!.unassignUsersFromProject.ok).toBe(true);
      const now = await holders();
      expect(now).not.toContain("1011/test_designer");
      expect(now).toContain("1012/test_designer");
    });
  });
});
