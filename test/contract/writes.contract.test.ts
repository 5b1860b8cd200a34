/**
 * The write contract, run for every vendor in the registry against its own simulator over real
 * HTTP, through Rollcall's GraphQL mutations (what a client sees: status, error, warnings, the
 * object as it now stands) and a following read. Which specs apply is decided by what the
 * connector implements — its `writes` members and its capabilities — never by its name. The
 * simulators' shared faults play the vendor's side: `lose-answer` (the write is applied, its answer
 * lost), `5xx` (nothing applied), `refuse` (the vendor's 400 naming a body field).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/load-config.js";
import { SourceSession } from "../../src/loaders/source-session.js";
import { Capability } from "../../src/model/capabilities.js";
import type { FaultInjection } from "../../src/simulator/faults.js";
import type { Connector, VendorConnector } from "../../src/vendors/connector.js";
import type { ConnectorWrites, WriteOperation } from "../../src/vendors/connector-writes.js";
import { vendors } from "../../src/vendors/registry.js";
import type { VendorModule } from "../../src/vendors/vendor-module.js";
import { type GatewayHarness, startGateway } from "../support/gateway-harness.js";

// biome-ignore lint/suspicious/noExplicitAny: GraphQL answers are read here as the JSON they are.
type Json = Record<string, any>;

interface Result extends Json {
  status: string;
  warnings: string[];
  error: { code: string; field: string | null; message: string; retryable: boolean } | null;
}

const SOURCE = "src";
const WRITE_METHODS = ["POST", "PUT", "PATCH", "DELETE"];
const PASSWORD = "Contract#Pass-2026";
const RESULT = "status warnings error { code field message retryable }";
const USER = "id email displayName active archived";
const PERMISSION = "role level project { id }";

/** Every result of a payload keeps the rule: `error` is set exactly when `status` is FAILED, and
 *  `ok` is true exactly when none failed. */
function checkedPayload(payload: { ok: boolean; results: Result[] }, what: string): Result[] {
  for (const r of payload.results)
    expect(r.error === null, `${what}: status ${r.status} with error ${JSON.stringify(r.error)}`).toBe(
      r.status !== "FAILED",
    );
  expect(payload.ok, what).toBe(payload.results.every((r) => r.status !== "FAILED"));
  return payload.results;
}

/** A connector of the vendor, configured as the demo does but never called: what it implements. */
function declaredConnector(vendor: VendorModule): VendorConnector {
  const entry = vendor.simulator.demoSource("http://127.0.0.1:9", SOURCE);
  return vendor.createConnector(parseConfig({ sources: [entry] }).sources[0] as never, {});
}

/** The vendor writes a connector lacks, each with the mutations that need it. */
function lackedWrites(writes: ConnectorWrites): WriteOperation[] {
  const lacking: WriteOperation[] = [];
  if (!writes.users) lacking.push("inviteUser");
  if (!writes.users?.update) lacking.push("updateUser");
  if (!writes.users?.setActive) lacking.push("deactivateUser", "reactivateUser");
  if (!writes.users?.remove) lacking.push("deleteUsers");
  if (!writes.access) lacking.push("projectAccess");
  if (!writes.teams) lacking.push("teamMembership");
  if (!writes.groups) lacking.push("groups");
  else if (!writes.groups.removeMembers) lacking.push("removeUsersFromGroup");
  return lacking;
}

describe.each(vendors.map((v) => [v.kind, v] as [string, VendorModule]))(
  "%s write contract",
  (_kind, vendor) => {
    let gw: GatewayHarness;
    let connector: Connector;
    // What the connector writes decides which specs exist, so it is read before any of them run.
    const declared = declaredConnector(vendor);
    const writes: ConnectorWrites = declared.writes ?? {};
    /** Distinguishes this run's people and groups from the seed. */
    const nonce = Math.random().toString(36).slice(2, 8);
    let serial = 0;
    const email = (tag: string) => `rc.${tag}.${nonce}.${++serial}@example.org`;

    const sim = () => gw.sims.get(SOURCE)!;
    /** The vendor writes (not reads) the simulator received since the last `gw.clearLogs()`. */
    const sentWrites = () =>
      sim()
        .log.list()
        .filter((e) => WRITE_METHODS.includes(e.method))
        .map((e) => `${e.method} ${e.path}`);
    const inject = (fault: FaultInjection) =>
      sim().faults.inject({ methods: WRITE_METHODS, times: 1, ...fault });

    async function query(text: string, variables?: Record<string, unknown>): Promise<Json> {
      const response = await gw.gql<Json>(text, variables);
      expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
      return response.data as Json;
    }

    /** Runs one mutation field and answers its results, checked against the status/error rule. */
    async function mutate(field: string, args: string, selection: string, variables: Json = {}) {
      const vars = Object.keys(variables);
      const signature = vars.length ? `(${vars.map((v) => `$${v}: ${variables[v].__type}`).join(", ")})` : "";
      const values = Object.fromEntries(vars.map((v) => [v, variables[v].value]));
      const response = await gw.mutate<Json>(
        `mutation${signature} { ${field}(${args}) { ok results { ${RESULT} ${selection} } } }`,
        values,
      );
      expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
      return checkedPayload(response.data![field], field);
    }
    const v = (type: string, value: unknown) => ({ __type: type, value });

    const userNow = async (id: string) =>
      (
        await query(
          `query ($id: ID!) { node(id: $id) { ... on User { ${USER} permissions { ${PERMISSION} }
            teams(first: 100) { nodes { id } } } } }`,
          { id },
        )
      ).node as Json | null;
    const accountsWith = async (address: string) =>
      (
        await query(`query ($e: String!) { usersByEmail(email: $e, sources: ["${SOURCE}"]) { id } }`, {
          e: address,
        })
      ).usersByEmail as Json[];

    /** A group of this source a new account joins, where the source has groups (some require one). */
    let joinable: string | undefined;

    /** inviteUser on this source alone, as a person with everything any vendor may need. */
    const invite = (address: string, extra: Json = {}) =>
      mutate("inviteUser", "input: $input", `user { ${USER} }`, {
        input: v("InviteUserInput!", {
          email: address,
          firstName: "Contract",
          lastName: "Person",
          password: PASSWORD,
          sources: [SOURCE],
          ...(joinable ? { groups: [joinable] } : {}),
          ...extra,
        }),
      });

    /** A fresh account of this source for a spec to change (invited, so nothing else holds it). */
    async function freshUser(tag: string): Promise<Json> {
      const [result] = await invite(email(tag));
      expect(result!.status, JSON.stringify(result!.error)).toBe("CREATED");
      return result!.user;
    }

    beforeAll(async () => {
      gw = await startGateway({ instances: [{ vendor, id: SOURCE }], users: 20 });
      connector = gw.rollcall.gateway.connector(SOURCE)!;
      if (connector.groups) {
        const groups = await query(`{ groups(sources: ["${SOURCE}"], first: 10) { nodes { id } } }`);
        joinable = groups.groups.nodes[0]?.id;
      }
      // One read first, so sign-ins (a POST at some vendors) are done before writes are counted.
      await query(`{ users(sources: ["${SOURCE}"], first: 1) { nodes { id } } }`);
    });
    afterAll(async () => {
      await declared.close();
      await gw?.stop();
    });

    it("declares what it writes: capabilities agree with its writers, and every write it lacks says why", () => {
      const caps = connector.capabilities;
      expect(caps.has(Capability.INVITE_USERS)).toBe(writes.users !== undefined);
      expect(caps.has(Capability.UPDATE_USERS)).toBe(writes.users?.update !== undefined);
      expect(caps.has(Capability.DEACTIVATE_USERS)).toBe(writes.users?.setActive !== undefined);
      if (caps.has(Capability.REACTIVATE_USERS)) expect(writes.users?.setActive).toBeDefined();
      expect(caps.has(Capability.DELETE_USERS)).toBe(writes.users?.remove !== undefined);
      expect(caps.has(Capability.ASSIGN_PROJECTS)).toBe(writes.access !== undefined);
      expect(caps.has(Capability.MANAGE_TEAM_MEMBERS)).toBe(writes.teams !== undefined);
      expect(caps.has(Capability.MANAGE_GROUPS)).toBe(writes.groups !== undefined);
      for (const operation of lackedWrites(writes))
        expect(writes.unsupported?.[operation], `why ${operation} is unsupported`).toMatch(/\w{3,}/);
    });

    if (lackedWrites(writes).length > 0)
      describe("unsupported writes", () => {
        it("answer UNSUPPORTED_BY_SOURCE with the vendor's reason and way out, sending nothing", async () => {
          const user = `${SOURCE}:User:${vendor.simulator.unknownId}`;
          const project = `${SOURCE}:Project:${vendor.simulator.unknownId}`;
          const team = `${SOURCE}:Team:${vendor.simulator.unknownId}`;
          const group = `${SOURCE}:Group:${vendor.simulator.unknownId}`;
          const calls: Record<WriteOperation, Array<[string, string]>> = {
            inviteUser: [
              [
                "inviteUser",
                `input: { email: "${email("none")}", firstName: "A", lastName: "B", sources: ["${SOURCE}"] }`,
              ],
            ],
            updateUser: [["updateUser", `input: { user: "${user}", firstName: "Renamed" }`]],
            deactivateUser: [["setUserActive", `input: { users: ["${user}"], active: false }`]],
            reactivateUser: [["setUserActive", `input: { users: ["${user}"], active: true }`]],
            deleteUsers: [["deleteUsers", `input: { users: ["${user}"] }`]],
            projectAccess: [
              ["assignUserToProject", `input: { user: "${user}", project: "${project}", role: "Any" }`],
              ["unassignUsersFromProject", `input: { users: ["${user}"], project: "${project}" }`],
            ],
            teamMembership: [
              ["subscribeUserToTeams", `input: { user: "${user}", teams: ["${team}"] }`],
              ["unsubscribeUserFromTeams", `input: { user: "${user}", teams: ["${team}"] }`],
            ],
            groups: [
              ["createGroup", `input: { source: "${SOURCE}", name: "Contract ${nonce}" }`],
              ["updateGroup", `input: { group: "${group}", name: "Renamed ${nonce}" }`],
              ["addUsersToGroup", `input: { group: "${group}", users: ["${user}"] }`],
              ["removeUsersFromGroup", `input: { group: "${group}", users: ["${user}"] }`],
              ["deleteGroup", `input: { group: "${group}" }`],
            ],
            removeUsersFromGroup: [
              ["removeUsersFromGroup", `input: { group: "${group}", users: ["${user}"] }`],
            ],
          };
          gw.clearLogs();
          for (const operation of lackedWrites(writes))
            for (const [field, args] of calls[operation]) {
              const [result] = await mutate(field, args, "");
              expect(result!.status, field).toBe("FAILED");
              expect(result!.error!.code, field).toBe("UNSUPPORTED_BY_SOURCE");
              expect(result!.error!.message, field).toContain(
                writes.unsupported?.[operation] ?? "(no reason)",
              );
            }
          expect(sentWrites()).toEqual([]);
        });
      });

    if (writes.users)
      describe("inviteUser", () => {
        it("creates an account once: a repeat in any case or spacing is ALREADY_EXISTS with that account, and sends nothing", async () => {
          const address = email("once");
          const [created] = await invite(address);
          expect(created!.status, JSON.stringify(created!.error)).toBe("CREATED");
          expect(created!.user.email.toLowerCase()).toBe(address);
          gw.clearLogs();
          for (const variant of [address.toUpperCase(), `  ${address}  `, address.replace("rc.", "Rc.")]) {
            const [again] = await invite(variant);
            expect(again!.status, variant).toBe("ALREADY_EXISTS");
            expect(again!.user.id).toBe(created!.user.id);
            expect(again!.warnings.join(" ")).toMatch(/already exists/);
          }
          expect(sentWrites()).toEqual([]);
          expect(await accountsWith(address)).toHaveLength(1);
        });

        for (const [how, drop] of [
          ["answered 502", false],
          ["dropped", true],
        ] as const)
          it(`settles an answer lost after the vendor applied the invite (${how}) by a read: CREATED, one write, one account`, async () => {
            const address = email("lost");
            gw.clearLogs();
            inject({ kind: "lose-answer", drop });
            const [result] = await invite(address);
            expect(result!.status, JSON.stringify(result!.error)).toBe("CREATED");
            expect(result!.user.email.toLowerCase()).toBe(address);
            expect(sentWrites()).toHaveLength(1);
            expect(await accountsWith(address)).toHaveLength(1);
          });

        it("never resends an invite whose outcome is unknown: a 5xx that applied nothing is FAILED, after one write", async () => {
          const address = email("failed");
          gw.clearLogs();
          inject({ kind: "5xx", status: 503 });
          const [result] = await invite(address);
          expect(result!.status).toBe("FAILED");
          expect(result!.error).toMatchObject({ code: "SOURCE_UNAVAILABLE", retryable: true });
          expect(sentWrites()).toHaveLength(1);
          expect(await accountsWith(address)).toHaveLength(0);
        });

        it("names the input field the vendor refused, and creates nothing", async () => {
          const address = email("refused");
          gw.clearLogs();
          inject({ kind: "refuse", value: address });
          const [result] = await invite(address);
          expect(result!.status).toBe("FAILED");
          expect(result!.error).toMatchObject({ code: "BAD_USER_INPUT", field: "input.email" });
          expect(sentWrites()).toHaveLength(1);
          expect(await accountsWith(address)).toHaveLength(0);
        });

        it("never repeats the password, even when the vendor's refusal echoes the request", async () => {
          inject({ kind: "echo", status: 400, echoes: "body" });
          const response = await gw.mutate(
            `mutation ($input: InviteUserInput!) { inviteUser(input: $input) { ok results { ${RESULT} } } }`,
            {
              input: {
                email: email("echo"),
                firstName: "Contract",
                lastName: "Person",
                password: PASSWORD,
                sources: [SOURCE],
                ...(joinable ? { groups: [joinable] } : {}),
              },
            },
          );
          sim().faults.clear();
          expect(JSON.stringify(response)).not.toContain(PASSWORD);
          expect(gw.logs.join("\n")).not.toContain(PASSWORD);
        });
      });

    if (writes.users?.update)
      describe("updateUser", () => {
        const rename = (id: string, lastName: string) =>
          mutate(
            "updateUser",
            `input: { user: "${id}", firstName: "Renamed", lastName: "${lastName}" }`,
            `user { ${USER} }`,
          );

        it("answers the user as it now stands, and a following read agrees", async () => {
          const user = await freshUser("update");
          const [result] = await rename(user.id, "Once");
          expect(result!.status, JSON.stringify(result!.error)).toBe("UPDATED");
          expect(result!.user.displayName).toContain("Renamed");
          expect((await userNow(user.id))!.displayName).toBe(result!.user.displayName);
        });

        it("settles an answer lost after the vendor applied the change by a read: UPDATED, one write", async () => {
          const user = await freshUser("update.lost");
          gw.clearLogs();
          inject({ kind: "lose-answer" });
          const [result] = await rename(user.id, "Lost");
          expect(result!.status, JSON.stringify(result!.error)).toBe("UPDATED");
          expect(result!.user.displayName).toContain("Lost");
          expect(sentWrites()).toHaveLength(1);
          expect((await userNow(user.id))!.displayName).toBe(result!.user.displayName);
        });

        it("names the input field the vendor refused, and changes nothing", async () => {
          const user = await freshUser("update.refused");
          const address = email("new.address");
          gw.clearLogs();
          inject({ kind: "refuse", value: address });
          const [result] = await mutate(
            "updateUser",
            `input: { user: "${user.id}", email: "${address}" }`,
            `user { ${USER} }`,
          );
          expect(result!.status).toBe("FAILED");
          expect(result!.error).toMatchObject({ code: "BAD_USER_INPUT", field: "input.email" });
          expect(sentWrites()).toHaveLength(1);
          expect((await userNow(user.id))!.email).toBe(user.email);
        });
      });

    if (writes.users?.setActive)
      describe("setUserActive", () => {
        const setActive = (id: string, active: boolean) =>
          mutate("setUserActive", `input: { users: ["${id}"], active: ${active} }`, `user { ${USER} }`);

        it("deactivates, answering the user as it now stands; again is UNCHANGED and sends nothing", async () => {
          const user = await freshUser("deactivate");
          const [result] = await setActive(user.id, false);
          expect(result!.status, JSON.stringify(result!.error)).toBe("UPDATED");
          expect(result!.user.active).toBe(false);
          expect((await userNow(user.id))!.active).toBe(false);
          gw.clearLogs();
          const [again] = await setActive(user.id, false);
          expect(again!.status).toBe("UNCHANGED");
          expect(again!.user).toMatchObject({ id: user.id, active: false });
          expect(sentWrites()).toEqual([]);
        });

        it("reactivates where the vendor can, and otherwise says why", async () => {
          const user = await freshUser("reactivate");
          await setActive(user.id, false);
          gw.clearLogs();
          const [result] = await setActive(user.id, true);
          if (connector.capabilities.has(Capability.REACTIVATE_USERS)) {
            expect(result!.status, JSON.stringify(result!.error)).toBe("UPDATED");
            expect(result!.user.active).toBe(true);
            expect((await userNow(user.id))!.active).toBe(true);
          } else {
            expect(result!.error!.code).toBe("UNSUPPORTED_BY_SOURCE");
            expect(result!.error!.message).toMatch(/reactivate/i);
            expect(sentWrites()).toEqual([]);
            expect((await userNow(user.id))!.active).toBe(false);
          }
        });

        it("settles an answer lost after the vendor applied the change by a read: UPDATED, one write", async () => {
          const user = await freshUser("deactivate.lost");
          gw.clearLogs();
          inject({ kind: "lose-answer" });
          const [result] = await setActive(user.id, false);
          expect(result!.status, JSON.stringify(result!.error)).toBe("UPDATED");
          expect(result!.user.active).toBe(false);
          expect(sentWrites()).toHaveLength(1);
          expect((await userNow(user.id))!.active).toBe(false);
        });
      });

    if (writes.users?.remove)
      describe("deleteUsers", () => {
        const gone = (node: Json | null) => node === null || node.archived === true;

        it("deletes, and a following read no longer finds the account", async () => {
          const user = await freshUser("delete");
          const [result] = await mutate("deleteUsers", `input: { users: ["${user.id}"] }`, "id");
          expect(result!.status, JSON.stringify(result!.error)).toBe("DELETED");
          expect(result!.id).toBe(user.id);
          expect(gone(await userNow(user.id))).toBe(true);
        });

        it("settles an answer lost after the vendor applied the delete by a read: DELETED, one write", async () => {
          const user = await freshUser("delete.lost");
          gw.clearLogs();
          inject({ kind: "lose-answer" });
          const [result] = await mutate("deleteUsers", `input: { users: ["${user.id}"] }`, "id");
          expect(result!.status, JSON.stringify(result!.error)).toBe("DELETED");
          expect(sentWrites()).toHaveLength(1);
          expect(gone(await userNow(user.id))).toBe(true);
        });
      });

    if (writes.access)
      describe("project access", () => {
        let project: string;
        let role: string;
        let otherRole: string;

        beforeAll(async () => {
          const { names, defaultRole } = await connector.writes!.access!.projectRoles(
            new SourceSession(connector),
          );
          // Roles people hold in the seed (as the reads name them) first: real access, not "No Access".
          const seen = await query(
            `{ users(sources: ["${SOURCE}"], first: 20) { nodes { permissions { role project { id } } } } }`,
          );
          const held = [
            ...new Set(
              (seen.users.nodes as Json[]).flatMap((u) =>
                (u.permissions as Json[]).filter((p) => p.project && p.role).map((p) => p.role as string),
              ),
            ),
          ].filter((n) => names.includes(n));
          const ordered = [...new Set([...(defaultRole ? [defaultRole] : []), ...held, ...names])];
          role = ordered[0]!;
          otherRole = [...held, ...names].find((n) => n !== role)!;
          // A project where a new account has no access yet (some vendors give a project's default
          // access to everyone), so an assignment there is a new one.
          const projects = await query(`{ projects(sources: ["${SOURCE}"], first: 20) { nodes { id } } }`);
          const probe = await freshUser("probe");
          const reached = new Set(
            ((await userNow(probe.id))!.permissions as Json[])
              .filter((p) => p.project && p.level !== "NONE")
              .map((p) => p.project.id as string),
          );
          project = (projects.projects.nodes as Json[])
            .map((p) => p.id as string)
            .find((id) => !reached.has(id))!;
          expect(project, "a project a new account has no access to").toBeDefined();
        });

        const assign = (user: string, asRole: string) =>
          mutate(
            "assignUserToProject",
            `input: { user: "${user}", project: "${project}", role: "${asRole}" }`,
            `permission { ${PERMISSION} }`,
          );
        const unassign = (user: string) =>
          mutate(
            "unassignUsersFromProject",
            `input: { users: ["${user}"], project: "${project}" }`,
            "userId projectId",
          );
        /** What a following read says the user holds on the project (undefined: nothing). */
        const heldNow = async (user: string) =>
          ((await userNow(user))!.permissions as Json[]).find(
            (p) => p.project?.id === project && p.level !== "NONE",
          );
        /** The read agrees with an answered role: the same, or the vendor's read does not name it. */
        const agrees = (read: Json | undefined, asked: string) => {
          expect(read, "a following read shows the access").toBeDefined();
          if (read!.role === null) expect(read!.level).toBe("UNKNOWN");
          else expect(read!.role).toBe(asked);
        };

        it("answers a new assignment CREATED, a repeat UNCHANGED, another role UPDATED; reads agree", async () => {
          const user = await freshUser("grant");
          const [created] = await assign(user.id, role);
          expect(created!.status, JSON.stringify(created!.error)).toBe("CREATED");
          expect(created!.permission.role).toBe(role);
          const read = await heldNow(user.id);
          agrees(read, role);

          gw.clearLogs();
          const [repeat] = await assign(user.id, role);
          if (read!.role !== null) expect(repeat!.status).toBe("UNCHANGED");
          // Where the vendor's reads do not name a member's role, it cannot know the role held: the
          // repeat is sent again (it sets the same role) and the result says what it could not tell.
          else if (repeat!.status === "UPDATED") expect(repeat!.warnings.join(" ")).toMatch(/role|profile/i);
          else expect(repeat!.status).toBe("UNCHANGED");
          if (repeat!.status === "UNCHANGED") expect(sentWrites()).toEqual([]);
          expect(repeat!.permission.role).toBe(role);

          const [changed] = await assign(user.id, otherRole);
          expect(changed!.status, JSON.stringify(changed!.error)).toBe("UPDATED");
          expect(changed!.permission.role).toBe(otherRole);
          agrees(await heldNow(user.id), otherRole);
        });

        it("refuses a role the vendor does not have, naming input.role, before any write", async () => {
          const user = await freshUser("grant.badrole");
          const before = (await userNow(user.id))!.permissions;
          gw.clearLogs();
          const [result] = await assign(user.id, `No Such Role ${nonce}`);
          expect(result!.status).toBe("FAILED");
          expect(result!.error).toMatchObject({ code: "BAD_USER_INPUT", field: "input.role" });
          expect(sentWrites()).toEqual([]);
          expect((await userNow(user.id))!.permissions).toEqual(before);
        });

        it("settles an assignment whose answer was lost by a read: CREATED, one write, one role", async () => {
          const user = await freshUser("grant.lost");
          gw.clearLogs();
          inject({ kind: "lose-answer" });
          const [result] = await assign(user.id, role);
          expect(result!.status, JSON.stringify(result!.error)).toBe("CREATED");
          expect(result!.permission.role).toBe(role);
          expect(sentWrites()).toHaveLength(1);
          const held = ((await userNow(user.id))!.permissions as Json[]).filter(
            (p) => p.project?.id === project,
          );
          expect(held).toHaveLength(1);
          agrees(held[0], role);
        });

        it("takes access away (DELETED), then finds nothing to take (UNCHANGED); reads agree", async () => {
          const user = await freshUser("revoke");
          await assign(user.id, role);
          const [removed] = await unassign(user.id);
          expect(removed!.status, JSON.stringify(removed!.error)).toBe("DELETED");
          expect(await heldNow(user.id)).toBeUndefined();
          gw.clearLogs();
          const [again] = await unassign(user.id);
          expect(again!.status, JSON.stringify(again!.error)).toBe("UNCHANGED");
          expect(sentWrites()).toEqual([]);
        });

        it("settles an unassignment whose answer was lost by a read: DELETED, one write", async () => {
          const user = await freshUser("revoke.lost");
          await assign(user.id, role);
          gw.clearLogs();
          inject({ kind: "lose-answer" });
          const [result] = await unassign(user.id);
          expect(result!.status, JSON.stringify(result!.error)).toBe("DELETED");
          expect(sentWrites()).toHaveLength(1);
          expect(await heldNow(user.id)).toBeUndefined();
        });
      });

    if (writes.teams)
      describe("team membership", () => {
        let team: string;
        beforeAll(async () => {
          team = (await query(`{ teams(sources: ["${SOURCE}"], first: 5) { nodes { id } } }`)).teams.nodes[0]
            .id;
        });
        const change = (field: string, user: string) =>
          mutate(field, `input: { user: "${user}", teams: ["${team}"] }`, "teams { id } user { id }");
        const teamsNow = async (user: string) =>
          ((await userNow(user))!.teams.nodes as Json[]).map((t) => t.id as string);

        it("joins and leaves, answering the user's teams as they now stand; a repeat is UNCHANGED", async () => {
          const user = await freshUser("team");
          const [joined] = await change("subscribeUserToTeams", user.id);
          expect(joined!.status, JSON.stringify(joined!.error)).toBe("UPDATED");
          expect(joined!.teams.map((t: Json) => t.id)).toContain(team);
          expect(await teamsNow(user.id)).toContain(team);
          gw.clearLogs();
          const [again] = await change("subscribeUserToTeams", user.id);
          expect(again!.status).toBe("UNCHANGED");
          expect(sentWrites()).toEqual([]);
          const [left] = await change("unsubscribeUserFromTeams", user.id);
          expect(left!.status, JSON.stringify(left!.error)).toBe("UPDATED");
          expect(left!.teams.map((t: Json) => t.id)).not.toContain(team);
          expect(await teamsNow(user.id)).not.toContain(team);
        });

        it("settles a join whose answer was lost by a read: UPDATED, one write", async () => {
          const user = await freshUser("team.lost");
          gw.clearLogs();
          inject({ kind: "lose-answer" });
          const [joined] = await change("subscribeUserToTeams", user.id);
          expect(joined!.status, JSON.stringify(joined!.error)).toBe("UPDATED");
          expect(sentWrites()).toHaveLength(1);
          expect(await teamsNow(user.id)).toContain(team);
        });
      });

    if (writes.groups)
      describe("groups", () => {
        /** What an existing group grants, so a new one is valid wherever groups must grant something. */
        let grants: string[] = [];
        beforeAll(async () => {
          const groups = await query(`{ groups(sources: ["${SOURCE}"], first: 5) { nodes { grants } } }`);
          grants = groups.groups.nodes[0]?.grants ?? [];
        });
        const create = (name: string) =>
          mutate("createGroup", "input: $input", "group { id name }", {
            input: v("CreateGroupInput!", { source: SOURCE, name, ...(grants.length ? { grants } : {}) }),
          });
        const named = async (name: string) =>
          (
            (
              await query(
                `query ($n: String) { groups(sources: ["${SOURCE}"], first: 100, filter: { nameContains: $n }) { nodes { id name } } }`,
                {
                  n: name,
                },
              )
            ).groups.nodes as Json[]
          ).filter((g) => g.name === name);
        const membersNow = async (group: string) =>
          (
            (
              await query(
                `query ($id: ID!) { node(id: $id) { ... on Group { members(first: 100) { nodes { id } } } } }`,
                { id: group },
              )
            ).node.members.nodes as Json[]
          ).map((u) => u.id as string);
        const members = (field: string, group: string, user: string) =>
          mutate(field, `input: { group: "${group}", users: ["${user}"] }`, "group { id name }");

        it("creates a group once, renames it, and deletes it; reads agree", async () => {
          const name = `Contract ${nonce} once`;
          const [created] = await create(name);
          expect(created!.status, JSON.stringify(created!.error)).toBe("CREATED");
          expect(created!.group.name).toBe(name);
          await create(name);
          expect(await named(name)).toHaveLength(1);
          const [renamed] = await mutate(
            "updateGroup",
            `input: { group: "${created!.group.id}", name: "${name} renamed" }`,
            "group { id name }",
          );
          expect(renamed!.status, JSON.stringify(renamed!.error)).toBe("UPDATED");
          expect((await named(`${name} renamed`)).map((g) => g.id)).toEqual([created!.group.id]);
          const [deleted] = await mutate("deleteGroup", `input: { group: "${created!.group.id}" }`, "id");
          expect(deleted!.status, JSON.stringify(deleted!.error)).toBe("DELETED");
          expect(await named(`${name} renamed`)).toHaveLength(0);
        });

        it("settles a create whose answer was lost by a read: CREATED, one write, one group", async () => {
          const name = `Contract ${nonce} lost`;
          gw.clearLogs();
          inject({ kind: "lose-answer" });
          const [created] = await create(name);
          expect(created!.status, JSON.stringify(created!.error)).toBe("CREATED");
          expect(sentWrites()).toHaveLength(1);
          expect(await named(name)).toHaveLength(1);
        });

        it("adds a member (UPDATED), finds them there on a repeat (UNCHANGED, nothing sent); reads agree", async () => {
          const [group] = await create(`Contract ${nonce} members`);
          const user = await freshUser("member");
          const [added] = await members("addUsersToGroup", group!.group.id, user.id);
          expect(added!.status, JSON.stringify(added!.error)).toBe("UPDATED");
          expect(await membersNow(group!.group.id)).toContain(user.id);
          gw.clearLogs();
          const [again] = await members("addUsersToGroup", group!.group.id, user.id);
          expect(again!.status).toBe("UNCHANGED");
          expect(sentWrites()).toEqual([]);
          if (!writes.groups?.removeMembers) return;
          const [removed] = await members("removeUsersFromGroup", group!.group.id, user.id);
          expect(removed!.status, JSON.stringify(removed!.error)).toBe("UPDATED");
          expect(await membersNow(group!.group.id)).not.toContain(user.id);
          gw.clearLogs();
          const [none] = await members("removeUsersFromGroup", group!.group.id, user.id);
          expect(none!.status).toBe("UNCHANGED");
          expect(sentWrites()).toEqual([]);
        });

        it("settles a member change whose answer was lost by a read: UPDATED, one write", async () => {
          const [group] = await create(`Contract ${nonce} members lost`);
          const user = await freshUser("member.lost");
          gw.clearLogs();
          inject({ kind: "lose-answer" });
          const [added] = await members("addUsersToGroup", group!.group.id, user.id);
          expect(added!.status, JSON.stringify(added!.error)).toBe("UPDATED");
          expect(sentWrites()).toHaveLength(1);
          expect(await membersNow(group!.group.id)).toContain(user.id);
        });
      });
  },
);
