import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RawCustomer, RawUser, RawUserGroup } from "../../../src/vendors/testresults/raw-types.js";
import { TESTRESULTS_DEMO_TOKEN } from "../../../src/vendors/testresults/simulator/auth.js";
import {
  createTestResultsSimulator,
  type TestResultsSimulator,
} from "../../../src/vendors/testresults/simulator/index.js";
import { SIM_PASSWORD } from "../../../src/vendors/testresults/simulator/state.js";
import { fixture } from "./fixtures.js";
import { DEVELOPER_ID, LEGACY_QA_ID, liveMembers, STAKEHOLDER_ID, stored } from "./sim-picks.js";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ROWVERSION = /^[A-Za-z0-9+/]{11}=$/;
const GROUPS = "/management/customers/current/groups";

describe("TestResults.io simulator: the write routes of the User Management page", () => {
  let sim: TestResultsSimulator;
  let api: string;
  const call = async (method: string, path: string, body?: unknown, token = TESTRESULTS_DEMO_TOKEN) => {
    const answer = await fetch(`${api}${path}`, {
      method,
      headers: { authentication: token, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await answer.text();
    return { status: answer.status, body: text ? (JSON.parse(text) as unknown) : undefined };
  };
  const groupUsers = async (groupId: string) =>
    (await call("GET", `${GROUPS}/${groupId}/users`)).body as RawUser[];

  beforeEach(async () => {
    sim = createTestResultsSimulator({ users: 40 });
    api = `${await sim.start()}/api`;
  });
  afterEach(() => sim.stop());

  describe("Create new User: POST /api/users", () => {
    const doc = fixture<RawUser>("create-user-response.json");

    it("creates a user from the flat body and answers it like the doc page: UserGroup in, Profile null", async () => {
      const { status, body } = await call("POST", "/users", {
        DisplayName: "andriy2",
        Email: "andriy.bardakov@yahoo.com",
        UserGroup: { Id: DEVELOPER_ID },
      });
      expect(status).toBe(200);
      const user = body as RawUser;
      expect(Object.keys(user)).toEqual(Object.keys(doc));
      expect(Object.keys(user.UserGroup!)).toEqual(Object.keys(doc.UserGroup!));
      expect(user).toMatchObject({
        Email: "andriy.bardakov@yahoo.com",
        DisplayName: "andriy2",
        UsagePermission: "Login, Read, Write, UserSettings",
        Password: null,
        Profile: null,
        PreviousLogin: null,
        LastLogin: null,
        Archived: false,
        UserGroup: { Id: DEVELOPER_ID, Name: "Developer" },
      });
      expect(user.Id).toMatch(GUID);
      expect(user.DataVersion).toMatch(ROWVERSION);
      expect((await groupUsers(DEVELOPER_ID)).map((u) => u.Id)).toContain(user.Id);
    });

    it("refuses a body without Email or UserGroup with 400 and a ModelState per property", async () => {
      const { status, body } = await call("POST", "/users", { DisplayName: "Nobody" });
      expect(status).toBe(400);
      expect(body).toEqual({
        Message: "The request is invalid.",
        ModelState: {
          Email: ["The Email field is required."],
          UserGroup: ["The UserGroup field is required."],
        },
      });
    });

    it("refuses an invalid email, an unknown or archived group, and a taken email", async () => {
      const bad = await call("POST", "/users", { Email: "nope", UserGroup: { Id: LEGACY_QA_ID } });
      expect(bad.status).toBe(400);
      expect((bad.body as { ModelState: unknown }).ModelState).toEqual({
        Email: ["The Email field is not a valid e-mail address."],
        "UserGroup.Id": ["User group not found."],
      });
      const taken = await call("POST", "/users", {
        Email: "RUDI.ADIGBLI@progile.ch",
        UserGroup: { Id: DEVELOPER_ID },
      });
      expect(taken).toMatchObject({
        status: 400,
        body: { ModelState: { Email: ["A user with this email already exists."] } },
      });
    });

    it("needs UserManagement or CustomerManagement: a Stakeholder gets 403", async () => {
      const stakeholder = liveMembers(sim, STAKEHOLDER_ID)[0]!;
      const login = await call("POST", "/token/login", { Email: stakeholder.Email, Password: SIM_PASSWORD });
      const { token } = login.body as { token: string };
      const { status } = await call(
        "POST",
        "/users",
        { Email: "x@example.com", UserGroup: { Id: DEVELOPER_ID } },
        token,
      );
      expect(status).toBe(403);
    });
  });

  describe("Update User: PUT /api/users/:uId", () => {
    it("applies the wrapped UserData, moves the user's group and takes a new DataVersion", async () => {
      const user = { ...liveMembers(sim, DEVELOPER_ID)[0]! };
      const before = user.DataVersion;
      const { status, body } = await call("PUT", `/users/${user.Id}`, {
        UserData: { DisplayName: "Renamed", Email: "renamed@example.com", UserGroup: { Id: STAKEHOLDER_ID } },
      });
      expect(status).toBe(200);
      expect(body).toMatchObject({
        Id: user.Id,
        DisplayName: "Renamed",
        Email: "renamed@example.com",
        UsagePermission: "Login, Read, UserSettings",
        UserGroup: { Id: STAKEHOLDER_ID },
        Profile: null,
      });
      expect((body as RawUser).DataVersion).not.toBe(before);
      expect((await groupUsers(STAKEHOLDER_ID)).map((u) => u.Id)).toContain(user.Id);
      expect((await groupUsers(DEVELOPER_ID)).map((u) => u.Id)).not.toContain(user.Id);
      // The login looks accounts up by the new email only.
      expect(sim.state.emails.get("renamed@example.com")).toBe(user.Id);
      expect(sim.state.emails.has(user.Email.toLowerCase())).toBe(false);
    });

    it("refuses the flat body of Create User: the fields must be inside UserData", async () => {
      const user = liveMembers(sim, DEVELOPER_ID)[0]!;
      const { status, body } = await call("PUT", `/users/${user.Id}`, { Email: "flat@example.com" });
      expect(status).toBe(400);
      expect(body).toEqual({
        Message: "The request is invalid.",
        ModelState: {
          Email: ["Could not find member 'Email' on object of type 'UserUpdate'. Path 'Email'."],
          UserData: ["The UserData field is required."],
        },
      });
    });

    it("answers 409 to a stale DataVersion and leaves the user as it was", async () => {
      const user = liveMembers(sim, DEVELOPER_ID)[0]!;
      const read = user.DataVersion;
      expect(
        (await call("PUT", `/users/${user.Id}`, { UserData: { DisplayName: "A", DataVersion: read } }))
          .status,
      ).toBe(200);
      const stale = await call("PUT", `/users/${user.Id}`, {
        UserData: { DisplayName: "B", DataVersion: read },
      });
      expect(stale.status).toBe(409);
      expect((stale.body as { Message: string }).Message).toContain("DataVersion");
      expect(stored(sim, user.Id).DisplayName).toBe("A");
    });

    it("answers 404 for an unknown or archived user", async () => {
      const archived = [...sim.state.users.values()].find((u) => u.Archived)!;
      for (const id of ["00000000-0000-4000-8000-00000000dead", archived.Id]) {
        const { status, body } = await call("PUT", `/users/${id}`, { UserData: { DisplayName: "X" } });
        expect(status).toBe(404);
        expect(body).toEqual({ Message: "User not found." });
      }
    });
  });

  describe("Delete User: DELETE /api/users/:uId", () => {
    it("archives the user (204): it stays in its group's list flagged Archived, with a new DataVersion", async () => {
      const user = liveMembers(sim, DEVELOPER_ID)[0]!;
      const before = user.DataVersion;
      expect((await call("DELETE", `/users/${user.Id}`)).status).toBe(204);
      const listed = (await groupUsers(DEVELOPER_ID)).find((u) => u.Id === user.Id);
      expect(listed).toMatchObject({ Archived: true });
      expect(listed?.DataVersion).not.toBe(before);
      expect((await call("DELETE", `/users/${user.Id}`)).status).toBe(404);
    });
  });

  describe("User Groups: POST, PUT and DELETE /api/management/customers/current/groups", () => {
    it("creates a group and answers it like the doc page; the customer lists it", async () => {
      const { status, body } = await call("POST", GROUPS, {
        Name: "test group2",
        Description: null,
        UsagePermission: "Login, Read, Write",
      });
      expect(status).toBe(200);
      const doc = fixture<RawUserGroup>("create-group-response.json");
      expect(Object.keys(body as object)).toEqual(Object.keys(doc));
      expect(body).toMatchObject({
        Name: "test group2",
        Description: null,
        UsagePermission: "Login, Read, Write",
      });
      const group = body as RawUserGroup;
      expect(group.DataVersion).toMatch(ROWVERSION);
      const customer = (await call("GET", "/management/customers/current")).body as RawCustomer;
      expect(customer.UserGroups.at(-1)).toEqual(group);
      expect(await groupUsers(group.Id)).toEqual([]);
    });

    it("needs at least one known usage permission", async () => {
      const none = await call("POST", GROUPS, { Name: "G", UsagePermission: "" });
      expect(none).toMatchObject({
        status: 400,
        body: { ModelState: { UsagePermission: ["The UsagePermission field is required."] } },
      });
      const unknown = await call("POST", GROUPS, { Name: "G", UsagePermission: "Login, Teleport" });
      expect(unknown).toMatchObject({
        status: 400,
        body: { ModelState: { UsagePermission: ["'Teleport' is not a valid usage permission."] } },
      });
      const nameless = await call("POST", GROUPS, { UsagePermission: "Login" });
      expect(nameless).toMatchObject({
        status: 400,
        body: { ModelState: { Name: ["The Name field is required."] } },
      });
    });

    it("updates a group, changing its DataVersion; its members' permissions follow; a stale version is 409", async () => {
      const read = sim.state.groups.get(STAKEHOLDER_ID)!.DataVersion;
      const { status, body } = await call("PUT", `${GROUPS}/${STAKEHOLDER_ID}`, {
        Name: "Readers",
        Description: "Read only",
        UsagePermission: "Login, Read",
        DataVersion: read,
      });
      expect(status).toBe(200);
      expect(body).toMatchObject({ Name: "Readers", UsagePermission: "Login, Read", Id: STAKEHOLDER_ID });
      expect((body as RawUserGroup).DataVersion).not.toBe(read);
      for (const u of await groupUsers(STAKEHOLDER_ID)) expect(u.UsagePermission).toBe("Login, Read");
      const stale = await call("PUT", `${GROUPS}/${STAKEHOLDER_ID}`, { Name: "Again", DataVersion: read });
      expect(stale.status).toBe(409);
      expect(sim.state.groups.get(STAKEHOLDER_ID)?.Name).toBe("Readers");
    });

    it("deletes an empty group by archiving it (204), and refuses one that still holds accounts (400)", async () => {
      const created = (await call("POST", GROUPS, { Name: "Temp", UsagePermission: "Login" }))
        .body as RawUserGroup;
      expect((await call("DELETE", `${GROUPS}/${created.Id}`)).status).toBe(204);
      const customer = (await call("GET", "/management/customers/current")).body as RawCustomer;
      expect(customer.UserGroups.find((g) => g.Id === created.Id)).toMatchObject({ Archived: true });
      expect((await call("DELETE", `${GROUPS}/${created.Id}`)).status).toBe(404);
      const held = await call("DELETE", `${GROUPS}/${DEVELOPER_ID}`);
      expect(held.status).toBe(400);
      expect(sim.state.groups.get(DEVELOPER_ID)?.Archived).toBe(false);
    });
  });
});
