import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { testResults } from "../../../src/vendors/testresults/index.js";
import type { TestResultsSimulator } from "../../../src/vendors/testresults/simulator/index.js";
import {
  ADMINISTRATORS_ID,
  AUTOMATION_ENGINEER_ID,
} from "../../../src/vendors/testresults/simulator/state.js";
import { type GatewayHarness, startGateway } from "../../support/gateway-harness.js";
import {
  DEVELOPER_ID,
  liveMembers,
  STAKEHOLDER_ID,
  TEST_ENGINEER_ID,
} from "../../vendors/testresults/sim-picks.js";

/** TestResults.io user administration through GraphQL, against its simulator. */

const SOURCE = "testresults";
const userGid = (id: string) => `${SOURCE}:User:${id}`;
const groupGid = (id: string) => `${SOURCE}:Group:${id}`;
const GROUPS = "/management/customers/current/groups";

interface Result<T> {
  status: string;
  error: { code: string; field: string | null; message: string } | null;
  user?: T;
  group?: T;
  id?: string;
}
type Payload<T> = { results: Result<T>[]; ok: boolean };

const USER_FIELDS = `id remoteId displayName email version archived active
  groups { nodes { id name } } permissions { role level }`;
const RESULT = `status error { code field message }`;

describe("TestResults.io writes through GraphQL", () => {
  let gw: GatewayHarness;
  let sim: TestResultsSimulator;
  /** Write requests (anything but GET) that reached the simulator since the log was cleared. */
  const writes = () =>
    sim.log
      .list()
      .filter((e) => e.method !== "GET" && e.path !== "/token/login")
      .map((e) => `${e.method} ${e.path}`);

  async function userCount(): Promise<number> {
    const { data } = await gw.gql<{ users: { totalCount: number } }>(
      `{ users(first: 0, sources: ["${SOURCE}"], filter: { includeArchived: true }) { totalCount } }`,
    );
    return data!.users.totalCount;
  }

  async function userNode(id: string) {
    const { data } = await gw.gql<{ node: Record<string, unknown> | null }>(
      `query($id: ID!) { node(id: $id) { ... on User { ${USER_FIELDS} } } }`,
      { id: userGid(id) },
    );
    return data!.node as {
      displayName: string;
      email: string;
      version: string;
      archived: boolean;
      groups: { nodes: Array<{ name: string }> };
    };
  }

  async function groupNode(id: string) {
    const { data } = await gw.gql<{ node: Record<string, unknown> | null }>(
      `query($id: ID!) { node(id: $id) { ... on Group { name description grants version archived members(first: 500) { nodes { remoteId } } } } }`,
      { id: groupGid(id) },
    );
    return data!.node as {
      name: string;
      description: string | null;
      grants: string[];
      version: string | null;
      archived: boolean;
      members: { nodes: Array<{ remoteId: string }> };
    };
  }

  beforeEach(async () => {
    gw = await startGateway({ instances: [{ vendor: testResults, id: SOURCE }], users: 20 });
    sim = gw.sims.get(SOURCE) as TestResultsSimulator;
  });
  afterEach(() => gw.stop());

  it("reports what it can administer: users and groups, but not deactivation, projects or teams", async () => {
    const { data } = await gw.gql<{ source: { capabilities: string[] } }>(
      `{ source(id: "${SOURCE}") { capabilities } }`,
    );
    const capabilities = data!.source.capabilities;
    expect(capabilities).toEqual(
      expect.arrayContaining(["INVITE_USERS", "UPDATE_USERS", "DELETE_USERS", "MANAGE_GROUPS"]),
    );
    for (const missing of ["DEACTIVATE_USERS", "REACTIVATE_USERS", "ASSIGN_PROJECTS", "MANAGE_TEAM_MEMBERS"])
      expect(capabilities).not.toContain(missing);
  });

  describe("inviteUser", () => {
    const INVITE = `mutation($input: InviteUserInput!) { inviteUser(input: $input) { ok results { ${RESULT} user { ${USER_FIELDS} } } } }`;
    const grace = { email: "grace.hopper@navy.example", firstName: "Grace", lastName: "Hopper" };

    it("creates the account in the group given, with one POST; the payload and a later query show it", async () => {
      gw.clearLogs();
      const { data } = await gw.mutate<{ inviteUser: Payload<Record<string, unknown>> }>(INVITE, {
        input: { ...grace, groups: [groupGid(DEVELOPER_ID)] },
      });
      const [result] = data!.inviteUser.results;
      expect(data!.inviteUser.ok).toBe(true);
      expect(result).toMatchObject({
        status: "CREATED",
        error: null,
        user: {
          displayName: "Grace Hopper",
          email: grace.email,
          active: true,
          groups: { nodes: [{ name: "Developer" }] },
          permissions: [{ role: "Developer", level: "EDIT" }],
        },
      });
      expect(writes()).toEqual(["POST /users"]);

      const { data: later } = await gw.gql<{
        usersByEmail: Array<{ id: string; groups: { nodes: Array<{ name: string }> } }>;
      }>(`query($e: String!) { usersByEmail(email: $e) { id groups { nodes { name } } } }`, {
        e: grace.email,
      });
      expect(later!.usersByEmail).toEqual([
        { id: result!.user!.id, groups: { nodes: [{ name: "Developer" }] } },
      ]);
    });

    it("answers a second invite of the email with ALREADY_EXISTS and the existing user, creating nothing", async () => {
      const first = await gw.mutate<{ inviteUser: Payload<{ id: string }> }>(INVITE, {
        input: { ...grace, groups: [groupGid(DEVELOPER_ID)] },
      });
      const before = await userCount();
      gw.clearLogs();
      const { data } = await gw.mutate<{ inviteUser: Payload<{ id: string }> }>(INVITE, {
        input: { ...grace, email: "GRACE.HOPPER@navy.example", groups: [groupGid(STAKEHOLDER_ID)] },
      });
      expect(data!.inviteUser.ok).toBe(true);
      expect(data!.inviteUser.results[0]).toMatchObject({
        status: "ALREADY_EXISTS",
        error: null,
        user: { id: first.data!.inviteUser.results[0]!.user!.id },
      });
      expect(writes()).toEqual([]);
      expect(await userCount()).toBe(before);
    });

    it("needs one of this source's groups: BAD_USER_INPUT naming input.groups, nothing written", async () => {
      gw.clearLogs();
      const { data } = await gw.mutate<{ inviteUser: Payload<unknown> }>(INVITE, { input: grace });
      expect(data!.inviteUser.ok).toBe(false);
      expect(data!.inviteUser.results[0]).toMatchObject({
        status: "FAILED",
        error: { code: "BAD_USER_INPUT", field: "input.groups" },
        user: null,
      });
      expect(sim.log.total).toBe(0);
    });

    it("refuses an unknown group name given as globalRole, naming input.globalRole", async () => {
      const { data } = await gw.mutate<{ inviteUser: Payload<unknown> }>(INVITE, {
        input: { ...grace, globalRole: "Janitor" },
      });
      expect(data!.inviteUser.results[0]!.error).toMatchObject({
        code: "BAD_USER_INPUT",
        field: "input.globalRole",
        message: expect.stringContaining("Developer"),
      });
      expect(writes()).toEqual([]);
    });
  });

  describe("updateUser", () => {
    const UPDATE = `mutation($input: UpdateUserInput!) { updateUser(input: $input) { ok results { ${RESULT} user { ${USER_FIELDS} } } } }`;

    it("renames and moves a user with one PUT; the payload and a later query show the new state", async () => {
      const target = { ...liveMembers(sim, DEVELOPER_ID)[0]! };
      gw.clearLogs();
      const { data } = await gw.mutate<{ updateUser: Payload<{ version: string }> }>(UPDATE, {
        input: { user: userGid(target.Id), firstName: "Ada", lastName: "Byron", globalRole: "Stakeholder" },
      });
      expect(data!.updateUser.results[0]).toMatchObject({
        status: "UPDATED",
        error: null,
        user: {
          displayName: "Ada Byron",
          email: target.Email,
          groups: { nodes: [{ name: "Stakeholder" }] },
          permissions: [{ role: "Stakeholder", level: "VIEW" }],
        },
      });
      const version = data!.updateUser.results[0]!.user!.version;
      expect(version).not.toBe(target.DataVersion);
      expect(writes()).toEqual([`PUT /users/${target.Id}`]);

      expect(await userNode(target.Id)).toMatchObject({
        displayName: "Ada Byron",
        version,
        groups: { nodes: [{ name: "Stakeholder" }] },
      });
    });

    it("answers a stale version with CONFLICT naming input.version, and changes nothing", async () => {
      const target = { ...liveMembers(sim, DEVELOPER_ID)[0]! };
      const read = (await userNode(target.Id)).version;
      await gw.mutate(UPDATE, {
        input: { user: userGid(target.Id), email: "first@example.com", version: read },
      });
      const { data } = await gw.mutate<{ updateUser: Payload<unknown> }>(UPDATE, {
        input: { user: userGid(target.Id), email: "second@example.com", version: read },
      });
      expect(data!.updateUser.results[0]).toMatchObject({
        status: "FAILED",
        error: { code: "CONFLICT", field: "input.version" },
      });
      expect((await userNode(target.Id)).email).toBe("first@example.com");
    });

    it("refuses half a name (the API keeps one DisplayName), naming the missing field", async () => {
      const target = liveMembers(sim, DEVELOPER_ID)[0]!;
      gw.clearLogs();
      const { data } = await gw.mutate<{ updateUser: Payload<unknown> }>(UPDATE, {
        input: { user: userGid(target.Id), lastName: "Byron" },
      });
      expect(data!.updateUser.results[0]!.error).toMatchObject({
        code: "BAD_USER_INPUT",
        field: "input.firstName",
      });
      expect(sim.log.total).toBe(0);
    });
  });

  it("cannot deactivate or reactivate: UNSUPPORTED_BY_SOURCE, nothing sent", async () => {
    const target = liveMembers(sim, DEVELOPER_ID)[0]!;
    for (const active of [false, true]) {
      gw.clearLogs();
      const { data } = await gw.mutate<{ setUserActive: Payload<unknown> }>(
        `mutation($input: SetUserActiveInput!) { setUserActive(input: $input) { ok results { ${RESULT} } } }`,
        { input: { users: [userGid(target.Id)], active } },
      );
      expect(data!.setUserActive.results[0]!.error?.code).toBe("UNSUPPORTED_BY_SOURCE");
      expect(sim.log.total).toBe(0);
    }
  });

  it("deletes users with one DELETE each; they leave the directory and read back archived", async () => {
    const ids = liveMembers(sim, TEST_ENGINEER_ID)
      .slice(0, 2)
      .map((u) => u.Id);
    const { data: before } = await gw.gql<{ users: { totalCount: number } }>(
      `{ users(first: 0, sources: ["${SOURCE}"]) { totalCount } }`,
    );
    gw.clearLogs();
    const { data } = await gw.mutate<{ deleteUsers: Payload<unknown> }>(
      `mutation($input: DeleteUsersInput!) { deleteUsers(input: $input) { ok results { ${RESULT} id } } }`,
      { input: { users: ids.map(userGid) } },
    );
    expect(data!.deleteUsers).toEqual({
      ok: true,
      results: ids.map((id) => ({ status: "DELETED", error: null, id: userGid(id) })),
    });
    expect(writes().sort()).toEqual(ids.map((id) => `DELETE /users/${id}`).sort());
    expect(sim.log.total).toBe(2);

    const { data: after } = await gw.gql<{ users: { totalCount: number } }>(
      `{ users(first: 0, sources: ["${SOURCE}"]) { totalCount } }`,
    );
    expect(after!.users.totalCount).toBe(before!.users.totalCount - 2);
    expect((await userNode(ids[0]!)).archived).toBe(true);
  });

  describe("groups", () => {
    const GROUP = `name description grants version archived members(first: 500) { nodes { remoteId } }`;
    const CREATE = `mutation($input: CreateGroupInput!) { createGroup(input: $input) { ok results { ${RESULT} group { id remoteId ${GROUP} } } } }`;

    it("creates a group with its usage permissions and members: one POST, one PUT per member", async () => {
      const members = liveMembers(sim, DEVELOPER_ID)
        .slice(0, 2)
        .map((u) => u.Id);
      gw.clearLogs();
      const { data } = await gw.mutate<{ createGroup: Payload<{ remoteId: string }> }>(CREATE, {
        input: {
          source: SOURCE,
          name: "QA Leads",
          description: "Leads",
          grants: ["Login", "read", "Write"],
          members: members.map(userGid),
        },
      });
      const result = data!.createGroup.results[0]!;
      expect(result).toMatchObject({
        status: "CREATED",
        error: null,
        group: {
          name: "QA Leads",
          description: "Leads",
          grants: ["Login", "Read", "Write"],
          archived: false,
        },
      });
      expect(
        (result.group as unknown as { members: { nodes: Array<{ remoteId: string }> } }).members.nodes.map(
          (n) => n.remoteId,
        ),
      ).toEqual(expect.arrayContaining(members));
      expect(writes().filter((w) => w.startsWith("POST"))).toEqual([`POST ${GROUPS}`]);
      expect(
        writes()
          .filter((w) => w.startsWith("PUT"))
          .sort(),
      ).toEqual(members.map((id) => `PUT /users/${id}`).sort());

      const later = await groupNode(result.group!.remoteId);
      expect(later).toMatchObject({ name: "QA Leads", grants: ["Login", "Read", "Write"] });
      expect(later.members.nodes.map((n) => n.remoteId).sort()).toEqual([...members].sort());
    });

    it("refuses an unknown usage permission with BAD_USER_INPUT naming input.grants[i], nothing written", async () => {
      gw.clearLogs();
      const { data } = await gw.mutate<{ createGroup: Payload<unknown> }>(CREATE, {
        input: { source: SOURCE, name: "X", grants: ["Login", "Teleport"] },
      });
      expect(data!.createGroup.results[0]!.error).toMatchObject({
        code: "BAD_USER_INPUT",
        field: "input.grants[1]",
      });
      expect(sim.log.total).toBe(0);
    });

    it("updates a group with one PUT; a stale version then is a CONFLICT", async () => {
      const UPDATE = `mutation($input: UpdateGroupInput!) { updateGroup(input: $input) { ok results { ${RESULT} group { ${GROUP} } } } }`;
      const read = (await groupNode(STAKEHOLDER_ID)).version;
      gw.clearLogs();
      const { data } = await gw.mutate<{ updateGroup: Payload<{ version: string }> }>(UPDATE, {
        input: { group: groupGid(STAKEHOLDER_ID), name: "Readers", grants: ["Login", "Read"], version: read },
      });
      expect(data!.updateGroup.results[0]).toMatchObject({
        status: "UPDATED",
        group: { name: "Readers", grants: ["Login", "Read"] },
      });
      expect(data!.updateGroup.results[0]!.group!.version).not.toBe(read);
      expect(writes()).toEqual([`PUT ${GROUPS}/${STAKEHOLDER_ID}`]);
      expect(await groupNode(STAKEHOLDER_ID)).toMatchObject({ name: "Readers", grants: ["Login", "Read"] });

      const { data: stale } = await gw.mutate<{ updateGroup: Payload<unknown> }>(UPDATE, {
        input: { group: groupGid(STAKEHOLDER_ID), name: "Again", version: read },
      });
      expect(stale!.updateGroup.results[0]!.error).toMatchObject({
        code: "CONFLICT",
        field: "input.version",
      });
      expect((await groupNode(STAKEHOLDER_ID)).name).toBe("Readers");
    });

    it("adds users by moving each into the group with one PUT; they are then its members", async () => {
      const movers = liveMembers(sim, DEVELOPER_ID)
        .slice(0, 3)
        .map((u) => u.Id);
      const already = liveMembers(sim, AUTOMATION_ENGINEER_ID)[0]!.Id;
      gw.clearLogs();
      const { data } = await gw.mutate<{ addUsersToGroup: Payload<unknown> }>(
        `mutation($input: GroupMembersInput!) { addUsersToGroup(input: $input) { ok results { ${RESULT} group { ${GROUP} } } } }`,
        { input: { group: groupGid(AUTOMATION_ENGINEER_ID), users: [...movers, already].map(userGid) } },
      );
      expect(data!.addUsersToGroup.results[0]).toMatchObject({ status: "UPDATED", error: null });
      expect(writes().sort()).toEqual(movers.map((id) => `PUT /users/${id}`).sort());
      const payloadMembers = (
        data!.addUsersToGroup.results[0]!.group as { members: { nodes: Array<{ remoteId: string }> } }
      ).members.nodes.map((n) => n.remoteId);
      expect(payloadMembers).toEqual(expect.arrayContaining([...movers, already]));

      expect((await groupNode(AUTOMATION_ENGINEER_ID)).members.nodes.map((n) => n.remoteId)).toEqual(
        expect.arrayContaining(movers),
      );
      expect((await userNode(movers[0]!)).groups.nodes).toEqual([
        expect.objectContaining({ name: "Automation Engineer" }),
      ]);
    });

    it("cannot take users out of a group (each is in exactly one): UNSUPPORTED_BY_SOURCE, nothing sent", async () => {
      const member = liveMembers(sim, DEVELOPER_ID)[0]!.Id;
      gw.clearLogs();
      const { data } = await gw.mutate<{ removeUsersFromGroup: Payload<unknown> }>(
        `mutation($input: GroupMembersInput!) { removeUsersFromGroup(input: $input) { ok results { ${RESULT} } } }`,
        { input: { group: groupGid(DEVELOPER_ID), users: [userGid(member)] } },
      );
      expect(data!.removeUsersFromGroup.results[0]!.error).toMatchObject({
        code: "UNSUPPORTED_BY_SOURCE",
        message: expect.stringContaining("addUsersToGroup"),
      });
      expect(sim.log.total).toBe(0);
    });

    it("deletes an empty group, which then leaves the group list; one still holding accounts is refused", async () => {
      const DELETE = `mutation($input: DeleteGroupInput!) { deleteGroup(input: $input) { ok results { ${RESULT} id } } }`;
      const created = await gw.mutate<{ createGroup: Payload<{ remoteId: string }> }>(CREATE, {
        input: { source: SOURCE, name: "Temporary", grants: ["Login"] },
      });
      const id = created.data!.createGroup.results[0]!.group!.remoteId;
      gw.clearLogs();
      const { data } = await gw.mutate<{ deleteGroup: Payload<unknown> }>(DELETE, {
        input: { group: groupGid(id) },
      });
      expect(data!.deleteGroup.results[0]).toMatchObject({
        status: "DELETED",
        error: null,
        id: groupGid(id),
      });
      expect(writes()).toEqual([`DELETE ${GROUPS}/${id}`]);
      const { data: list } = await gw.gql<{ groups: { nodes: Array<{ remoteId: string }> } }>(
        `{ groups(first: 100, sources: ["${SOURCE}"]) { nodes { remoteId } } }`,
      );
      expect(list!.groups.nodes.map((g) => g.remoteId)).not.toContain(id);

      gw.clearLogs();
      const { data: held } = await gw.mutate<{ deleteGroup: Payload<unknown> }>(DELETE, {
        input: { group: groupGid(ADMINISTRATORS_ID) },
      });
      expect(held!.deleteGroup.results[0]!.error).toMatchObject({
        code: "BAD_USER_INPUT",
        field: "input.group",
      });
      expect(writes()).toEqual([]);
    });
  });

  it("has no project access or teams to change: UNSUPPORTED_BY_SOURCE", async () => {
    const user = userGid(liveMembers(sim, DEVELOPER_ID)[0]!.Id);
    gw.clearLogs();
    const { data } = await gw.mutate<{
      assignUserToProject: Payload<unknown>;
      subscribeUserToTeams: Payload<unknown>;
    }>(
      `mutation($user: ID!) {
        assignUserToProject(input: { user: $user, project: "${SOURCE}:Project:1" }) { results { ${RESULT} } }
        subscribeUserToTeams(input: { user: $user, teams: ["${SOURCE}:Team:1"] }) { results { ${RESULT} } }
      }`,
      { user },
    );
    expect(data!.assignUserToProject.results[0]!.error?.code).toBe("UNSUPPORTED_BY_SOURCE");
    expect(data!.subscribeUserToTeams.results[0]!.error?.code).toBe("UNSUPPORTED_BY_SOURCE");
    expect(writes()).toEqual([]);
  });
});
