import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { vendors } from "../../../src/vendors/registry.js";
import { type GatewayHarness, startGateway } from "../../support/gateway-harness.js";

/** Two registered sources: whatever the vendors, these inputs are refused before any call. */
const [A, B] = vendors.map((v) => v.kind) as [string, string];

/** Everything the gateway can check is refused before any vendor is called. */
describe("mutation input is validated before any vendor call", () => {
  let gw: GatewayHarness;
  beforeAll(async () => {
    gw = await startGateway({ users: 2 });
  });
  afterAll(() => gw?.stop());

  const cases: Array<[string, string, string]> = [
    [
      "a malformed email",
      `inviteUser(input: { email: "nope", firstName: "A", lastName: "B" }) { ok }`,
      "input.email",
    ],
    [
      "an empty first name",
      `inviteUser(input: { email: "a@b.example", firstName: " ", lastName: "B" }) { ok }`,
      "input.firstName",
    ],
    [
      "an unknown source",
      `inviteUser(input: { email: "a@b.example", firstName: "A", lastName: "B", sources: ["nope"] }) { ok }`,
      "input.sources",
    ],
    [
      "a group in a source the invite does not target",
      `inviteUser(input: { email: "a@b.example", firstName: "A", lastName: "B", sources: ["${A}"], groups: ["${B}:Group:1"] }) { ok }`,
      "input.groups[0]",
    ],
    [
      "a short password",
      `inviteUser(input: { email: "a@b.example", firstName: "A", lastName: "B", password: "x" }) { ok }`,
      "input.password",
    ],
    [
      "a user id that is a project",
      `setUserActive(input: { users: ["${A}:Project:367"], active: false }) { ok }`,
      "input.users[0]",
    ],
    ["an empty user list", `setUserActive(input: { users: [], active: false }) { ok }`, "input.users"],
    [
      "users from another source than the project",
      `assignUsersToProject(input: { project: "${A}:Project:367", users: ["${B}:User:1"] }) { ok }`,
      "input.users[0]",
    ],
    ["an update with nothing to change", `updateUser(input: { user: "${A}:User:486" }) { ok }`, "input"],
    [
      "a malformed group id",
      `addUsersToGroup(input: { group: "x", users: ["${B}:User:1"] }) { ok }`,
      "input.group",
    ],
  ];

  for (const [what, mutation, field] of cases) {
    it(`refuses ${what} with BAD_USER_INPUT naming \`${field}\``, async () => {
      gw.clearLogs();
      const { errors } = await gw.mutate(`mutation { ${mutation} }`);
      expect(errors?.[0]?.extensions).toEqual({ code: "BAD_USER_INPUT", field });
      for (const v of vendors) expect(gw.sims.get(v.kind)!.log.total, v.kind).toBe(0);
    });
  }
});
