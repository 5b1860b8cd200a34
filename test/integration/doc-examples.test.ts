/** Each vendor's doc-page examples, read through one GraphQL endpoint from the five simulators. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { vendors } from "../../src/vendors/registry.js";
import { type GatewayHarness, startGateway } from "../support/gateway-harness.js";

interface UserView {
  id: string;
  displayName: string;
  email: string | null;
  lastLoginAt: string | null;
  department: { remoteId: string; name: string | null } | null;
  permissions: Array<{ role: string; level: string; project: { name: string } | null }>;
  source: { id: string };
}

const USER_FIELDS = `id displayName email lastLoginAt department { remoteId name } source { id }
  permissions { role level project { name } }`;

describe("the vendors' doc examples through GraphQL", () => {
  let gw: GatewayHarness;
  beforeAll(async () => {
    gw = await startGateway({ users: 20 });
  });
  afterAll(() => gw?.stop());

  const user = async (id: string) => {
    const { data, errors } = await gw.gql<{ node: UserView }>(
      `{ node(id: "${id}") { ... on User { ${USER_FIELDS} } } }`,
    );
    expect(errors).toBeUndefined();
    return data!.node;
  };

  it("TestRail: user 1 Alexis Gonzalez holds the Lead role", async () => {
    const alexis = await user("testrail:User:1");
    expect(alexis.displayName).toBe("Alexis Gonzalez");
    expect(alexis.permissions).toContainEqual({ role: "Lead", level: "MANAGE", project: null });
  });

  it("Squash TM: user 486 holds validator on proj3 and advanced_tester on proj1 and proj2", async () => {
    const charles = await user("squash-tm:User:486");
    expect(charles.displayName).toBe("Charles Dupond");
    expect(charles.permissions.map((p) => `${p.role}@${p.project?.name}`).sort()).toEqual([
      "advanced_tester@proj1",
      "advanced_tester@proj2",
      "validator@proj3",
    ]);
  });

  it("QAComplete: the user created in department 8162 shows that department", async () => {
    const john = await user("qacomplete:User:24793");
    expect(john.displayName).toBe("John Doe");
    expect(john.department?.remoteId).toBe("8162");
    expect(john.department?.name).toBeTruthy();
  });

  it("qTest: user 789 is a member of the sample project, its profile unknown (the member list names none)", async () => {
    const example = await user("qtest:User:789");
    expect(example.permissions).toContainEqual({
      role: null,
      level: "UNKNOWN",
      project: { name: "qConnect Sample Project" },
    });
  });

  it("TestResults.io: Automation Engineer has Rudi and Tobias Röthlin with their last logins", async () => {
    const { data } = await gw.gql<{
      node: { name: string; grants: string[]; members: { nodes: UserView[] } };
    }>(`{
      node(id: "testresults:Group:f7eef9b7-1508-44b3-9d97-85d33f86e341") {
        ... on Group { name grants members { nodes { ${USER_FIELDS} } } }
      }
    }`);
    expect(data!.node.name).toBe("Automation Engineer");
    expect(data!.node.grants).toEqual([
      "Login",
      "Read",
      "Write",
      "Execute",
      "Accept",
      "Reject",
      "UserSettings",
      "Automation",
    ]);
    const members = data!.node.members.nodes.map((m) => [m.displayName, m.lastLoginAt]);
    expect(members).toContainEqual(["Rudi", "2018-08-02T14:06:39.403Z"]);
    expect(members).toContainEqual(["Tobias Röthlin", "2019-05-02T09:00:41.243Z"]);
  });

  it("usersByEmail finds one person in every vendor where they exist", async () => {
    const { data, errors } = await gw.gql<{ usersByEmail: UserView[] }>(
      `{ usersByEmail(email: "ADA.Lovelace@example.com") { ${USER_FIELDS} } }`,
    );
    expect(errors).toBeUndefined();
    expect(data!.usersByEmail.map((u) => u.source.id).sort()).toEqual(vendors.map((v) => v.kind).sort());
    expect(new Set(data!.usersByEmail.map((u) => u.displayName))).toEqual(new Set(["Ada Lovelace"]));
  });
});
