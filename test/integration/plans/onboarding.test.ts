/**
 * Onboarding a new tester from the demo's template, over real HTTP against the simulators: an
 * account wherever the template names a source (before anything else there), the template's roles,
 * groups and teams after it, all resolved against the live lists; then what the plan and input
 * checks refuse, each naming its field.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_TEMPLATE, demoTemplates } from "../../../src/demo/demo-templates.js";
import { Capability } from "../../../src/model/capabilities.js";
import { vendors } from "../../../src/vendors/registry.js";
import { type GatewayHarness, startGateway } from "../../support/gateway-harness.js";
import { capabilitiesOfVendor } from "../../support/pick-vendor.js";
import { accountsOf, applyPlan, planOnboarding, writesTo } from "./plan-queries.js";

const template = demoTemplates()[DEMO_TEMPLATE]!;
const UNNAMED = "a role the vendor does not name";
const email = "new.mobile.tester@example.com";

describe("onboarding from a template", () => {
  let gw: GatewayHarness;
  beforeAll(async () => {
    gw = await startGateway({ users: 20, extraConfig: { templates: demoTemplates() } });
  });
  afterAll(() => gw?.stop());

  it("plans an account on every source the template names, then its roles, groups and teams, each after its account", async () => {
    gw.clearLogs();
    const plan = await planOnboarding(gw, {
      email,
      firstName: "New",
      lastName: "Tester",
      template: DEMO_TEMPLATE,
    });
    for (const vendor of vendors) expect(writesTo(gw, vendor.kind), vendor.kind).toEqual([]);
    expect(plan).toMatchObject({ kind: "ONBOARDING", status: "PLANNED" });
    expect(plan.summary).toBe(`onboard ${email} (template ${DEMO_TEMPLATE}): ${plan.steps.length} steps`);
    const named = new Set([...template.grants, ...template.groups, ...template.teams].map((e) => e.source));
    expect(named.size).toBeGreaterThan(1);
    for (const source of named) {
      const [create, ...after] = plan.steps.filter((s) => s.sourceId === source);
      expect(create, source).toMatchObject({
        action: "CREATE_ACCOUNT",
        from: null,
        to: "active",
        dependsOn: [],
      });
      expect(create!.possible).toBe(
        capabilitiesOfVendor(vendors.find((v) => v.kind === source)!).has(Capability.INVITE_USERS),
      );
      for (const step of after) expect(step.dependsOn, step.target.label).toEqual([create!.id]);
      // Each grant of the template, by the project's name and the vendor's role.
      const grants = template.grants.filter((g) => g.source === source);
      expect(after.filter((s) => s.action === "ASSIGN_ROLE").map((s) => [s.target.label, s.to])).toEqual(
        grants.map((g) => [`${email} on ${g.project} (${source})`, g.role]),
      );
      // The first group is joined as the account is created (a vendor may need one then).
      const [firstGroup, ...otherGroups] = template.groups.filter((g) => g.source === source);
      if (firstGroup)
        expect(create!.target.label).toBe(`${email} (${source}), joining group ${firstGroup.group}`);
      expect(after.filter((s) => s.action === "ADD_TO_GROUP").length).toBe(otherGroups.length);
      expect(after.filter((s) => s.action === "ADD_TO_TEAM").map((s) => s.target.label)).toEqual(
        template.teams
          .filter((t) => t.source === source)
          .map((t) => `${email} in team ${t.team} (${source})`),
      );
    }
    expect(plan.steps.every((s) => s.possible)).toBe(true);
  });

  it("applies it, after which the person holds the template's access and planning again finds nothing left to do", async () => {
    const plan = await planOnboarding(gw, {
      email,
      firstName: "New",
      lastName: "Tester",
      template: DEMO_TEMPLATE,
    });
    const applied = await applyPlan(gw, plan.id, "Welcome#2026");
    expect(applied.status).toBe("APPLIED");
    const accounts = await accountsOf(gw, email);
    const named = new Set([...template.grants, ...template.groups, ...template.teams].map((e) => e.source));
    expect(accounts.map((a) => a.source.id).sort()).toEqual([...named].sort());
    expect(accounts.every((a) => a.active)).toBe(true);
    for (const team of template.teams)
      expect(
        accounts.find((a) => a.source.id === team.source)!.teams.nodes.length,
        team.source,
      ).toBeGreaterThan(0);
    for (const group of template.groups)
      expect(
        accounts.find((a) => a.source.id === group.source)!.groups.nodes.length,
        group.source,
      ).toBeGreaterThan(0);

    // Planned again: nothing, but where a vendor's reads don't name the role it holds (then the
    // plan can't tell that role is the one wanted, and says so).
    const again = await planOnboarding(gw, { email, template: DEMO_TEMPLATE });
    for (const step of again.steps)
      expect(step, step.target.label).toMatchObject({ action: "CHANGE_ROLE", from: UNNAMED });
  });

  it("marks a template entry whose names match nothing impossible, naming the entry, and plans the rest", async () => {
    const [grant] = template.grants;
    const plan = await planOnboarding(gw, {
      email: "partly@example.com",
      firstName: "Part",
      lastName: "Ly",
      grants: [
        { source: grant!.source, project: "No Such Project", role: grant!.role },
        { source: grant!.source, project: grant!.project, role: "No Such Role" },
        { source: grant!.source, project: grant!.project, role: grant!.role },
      ],
    });
    expect(plan.steps.map((s) => [s.action, s.possible])).toEqual([
      ["CREATE_ACCOUNT", true],
      ["ASSIGN_ROLE", false],
      ["ASSIGN_ROLE", false],
      ["ASSIGN_ROLE", true],
    ]);
    expect(plan.steps[1]!.reason).toContain(
      `input.grants[0].project: no project "No Such Project" in source "${grant!.source}"`,
    );
    expect(plan.steps[2]!.reason).toContain(
      `input.grants[1].role: "No Such Role" is not a project role in source "${grant!.source}"`,
    );
  });

  it("refuses what it can't plan before reading anything, naming the field", async () => {
    const refusal = async (mutation: string, variables: Record<string, unknown>) => {
      const { data, errors } = await gw.mutate(mutation, variables);
      expect(data).toBeNull();
      return errors?.map((e) => [e.extensions?.code, e.extensions?.field]);
    };
    const onboard = `mutation($input: PlanOnboardingInput!) { planOnboarding(input: $input) { id } }`;
    const [source] = vendors.map((v) => v.kind);
    expect(await refusal(onboard, { input: { email, template: "nope" } })).toEqual([
      ["BAD_USER_INPUT", "input.template"],
    ]);
    expect(await refusal(onboard, { input: { email: "not-an-email", sources: [source] } })).toEqual([
      ["BAD_USER_INPUT", "input.email"],
    ]);
    expect(await refusal(onboard, { input: { email } })).toEqual([["BAD_USER_INPUT", "input.sources"]]);
    expect(
      await refusal(onboard, { input: { email, grants: [{ source: "nowhere", project: "P" }] } }),
    ).toEqual([["BAD_USER_INPUT", "input.grants[0].source"]]);
    expect(await refusal(onboard, { input: { email: "nobody.yet@example.com", sources: [source] } })).toEqual(
      [["BAD_USER_INPUT", "input.firstName"]],
    );
    const offboard = `mutation($person: String!) { planOffboarding(input: { person: $person, mode: DEACTIVATE }) { id } }`;
    expect(await refusal(offboard, { person: "nobody" })).toEqual([["BAD_USER_INPUT", "input.person"]]);
    expect(await refusal(offboard, { person: "nobody.anywhere@example.com" })).toEqual([
      ["BAD_USER_INPUT", "input.person"],
    ]);
    const apply = `mutation($plan: ID!) { applyPlan(input: { plan: $plan }) { id } }`;
    expect(await refusal(apply, { plan: "no-such-plan" })).toEqual([["BAD_USER_INPUT", "input.plan"]]);

    const read = await gw.gql(`{ plan(id: "no-such-plan") { id } }`);
    expect(read.data).toEqual({ plan: null });
    const reader = await gw.gql(offboard, { person: email }, { authorization: `Bearer ${gw.keys.read}` });
    expect(reader.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });
});
