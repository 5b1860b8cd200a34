/**
 * Access as code over real HTTP against the simulators: a desired-state file that marks one project
 * exclusive is planned with planAccess (the unlisted holders taken off, the listed given their
 * roles, a newcomer's account created first), applied with applyPlan, the live state read back,
 * and planned again: nothing left to do. The source is picked by what it can do, never by name.
 */

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { type GatewayHarness, startGateway } from "../support/gateway-harness.js";

interface Holding {
  readonly role: string | null;
  readonly level: string;
  readonly via: unknown;
  readonly user: { readonly email: string | null };
}
interface ProjectView {
  readonly id: string;
  readonly name: string;
  readonly permissions: readonly Holding[];
}
interface StepView {
  readonly id: string;
  readonly sourceId: string;
  readonly action: string;
  readonly target: { readonly email: string | null; readonly label: string };
  readonly from: string | null;
  readonly to: string | null;
  readonly possible: boolean;
  readonly reason: string | null;
  readonly dependsOn: readonly string[];
  readonly state: string;
}
interface PlanView {
  readonly id: string;
  readonly kind: string;
  readonly status: string;
  readonly createdBy: string;
  readonly summary: string;
  readonly steps: readonly StepView[];
}

const PLAN_FIELDS = `id kind status createdBy summary steps {
  id sourceId action target { email label } from to possible reason dependsOn state
}`;
const PLAN_ACCESS = `mutation Plan($input: PlanAccessInput!) { planAccess(input: $input) { ${PLAN_FIELDS} } }`;
/** Some vendors take no new account without an initial password: the apply brings one. */
const APPLY = `mutation Apply($plan: ID!) {
  applyPlan(input: { plan: $plan, initialPassword: "Welcome-2-access-as-code" }) { ${PLAN_FIELDS} }
}`;
const NEWCOMER = "access.code.newcomer@example.com";

describe("access as code: a desired state with an exclusive project", () => {
  let gw: GatewayHarness;
  let sourceId: string;
  let project: ProjectView;
  /** The file's people on the project, by email, with the role the file gives them. */
  let listed: Map<string, string>;
  let unlisted: string[];
  let file: string;

  const holdersOf = async (): Promise<Map<string, string | null>> => {
    const { data, errors } = await gw.gql<{ node: ProjectView }>(
      `query($id: ID!) { node(id: $id) { ... on Project { id name permissions { role level via { type: __typename } user { email } } } } }`,
      { id: project.id },
    );
    expect(errors).toBeUndefined();
    return new Map(
      (data?.node.permissions ?? [])
        .filter((p) => p.level !== "NONE")
        .map((p) => [(p.user.email ?? "").toLowerCase(), p.role]),
    );
  };
  const planAccess = async (desiredState: string) => {
    const answer = await gw.mutate<{ planAccess: PlanView }>(PLAN_ACCESS, {
      input: { desiredState, sources: [sourceId] },
    });
    expect(answer.errors).toBeUndefined();
    return answer.data?.planAccess as PlanView;
  };

  beforeAll(async () => {
    gw = await startGateway({ users: 30 });
    // A source that assigns roles, invites, and names the role each holder holds on each project.
    const { data } = await gw.gql<{ sources: Array<{ id: string; capabilities: string[] }> }>(
      "{ sources { id capabilities } }",
    );
    const candidates = (data?.sources ?? []).filter((s) =>
      ["ASSIGN_PROJECTS", "INVITE_USERS", "PERMISSIONS"].every((c) => s.capabilities.includes(c)),
    );
    for (const candidate of candidates) {
      const { data: listed } = await gw.gql<{ projects: { nodes: ProjectView[] } }>(
        `query($s: [ID!]) { projects(sources: $s, first: 50) { nodes { id name permissions { role level via { type: __typename } user { email } } } } }`,
        { s: [candidate.id] },
      );
      const fit = (listed?.projects.nodes ?? []).find((p) => {
        const held = p.permissions.filter((h) => h.level !== "NONE");
        return held.length >= 4 && held.every((h) => h.role !== null && h.via === null && h.user.email);
      });
      if (fit) {
        sourceId = candidate.id;
        project = fit;
        break;
      }
    }
    if (!project) throw new Error("no source names the roles its project holders hold");

    // The file keeps the first holder as they are, gives the second another role, adds someone
    // without access who has an account there, and a newcomer; the other holders are not listed.
    const held = project.permissions.filter((h) => h.level !== "NONE");
    const roles = [...new Set(held.map((h) => h.role as string))];
    const [keep, change] = held as [Holding, Holding];
    const otherRole = roles.find((r) => r !== change.role) ?? (keep.role as string);
    const { data: users } = await gw.gql<{
      users: { nodes: Array<{ email: string | null; active: boolean }> };
    }>(`query($s: [ID!]) { users(sources: $s, first: 100) { nodes { email active } } }`, { s: [sourceId] });
    const holders = new Set(held.map((h) => h.user.email?.toLowerCase()));
    const outsider = users?.users.nodes.find(
      (u) => u.active && u.email && !holders.has(u.email.toLowerCase()),
    )?.email as string;
    listed = new Map([
      [(keep.user.email as string).toLowerCase(), keep.role as string],
      [(change.user.email as string).toLowerCase(), otherRole],
      [outsider.toLowerCase(), keep.role as string],
      [NEWCOMER, keep.role as string],
    ]);
    unlisted = [...holders].filter((e): e is string => e !== undefined && !listed.has(e)).sort();
    file = stringify({
      projects: [{ source: sourceId, project: project.name, exclusive: true }],
      people: [...listed].map(([email, role]) => ({
        email,
        ...(email === NEWCOMER ? { name: "Newcomer Tester" } : {}),
        grants: [{ source: sourceId, project: project.name, role }],
      })),
    });
  });
  afterAll(async () => {
    await gw?.stop();
  });

  let plan: PlanView;

  it("plans the unlisted holders off the exclusive project and the listed onto it, changing nothing yet", async () => {
    const before = await holdersOf();
    plan = await planAccess(file);
    expect(plan).toMatchObject({ kind: "ACCESS", status: "PLANNED", createdBy: "key:test-writer" });
    expect(plan.steps.every((s) => s.possible && s.state === "PENDING" && s.sourceId === sourceId)).toBe(
      true,
    );

    const removed = plan.steps.filter((s) => s.action === "REMOVE_FROM_PROJECT");
    expect(removed.map((s) => s.target.email?.toLowerCase()).sort()).toEqual(unlisted);
    for (const step of removed) expect(step.from).toBe(before.get(step.target.email?.toLowerCase() ?? ""));

    const [keep, change, outsider] = [...listed.keys()] as [string, string, string];
    const about = (email: string) => plan.steps.filter((s) => s.target.email?.toLowerCase() === email);
    expect(about(keep)).toEqual([]); // already holds the role the file gives
    expect(about(change).map((s) => [s.action, s.from, s.to])).toEqual([
      ["CHANGE_ROLE", before.get(change), listed.get(change)],
    ]);
    expect(about(outsider).map((s) => [s.action, s.from, s.to])).toEqual([
      ["ASSIGN_ROLE", null, listed.get(outsider)],
    ]);
    const [create, grant] = about(NEWCOMER);
    expect(create).toMatchObject({ action: "CREATE_ACCOUNT", to: "active" });
    expect(grant).toMatchObject({ action: "ASSIGN_ROLE", to: listed.get(NEWCOMER), dependsOn: [create?.id] });
    expect(plan.summary).toBe(`desired state of 4 people, 1 exclusive project: ${plan.steps.length} steps`);

    expect(await holdersOf()).toEqual(before); // planning changed nothing
  });

  it("applies it: the project's holders are then exactly the file's people, with the file's roles", async () => {
    const { data, errors } = await gw.mutate<{ applyPlan: PlanView }>(APPLY, { plan: plan.id });
    expect(errors).toBeUndefined();
    expect(data?.applyPlan.status).toBe("APPLIED");
    expect(data?.applyPlan.steps.map((s) => s.state)).toEqual(plan.steps.map(() => "APPLIED"));

    const after = await holdersOf();
    expect(new Map([...after].map(([email, role]) => [email, role?.toLowerCase()]))).toEqual(
      new Map([...listed].map(([email, role]) => [email, role.toLowerCase()])),
    );
  });

  it("plans nothing once the live state is the file's", async () => {
    const again = await planAccess(file);
    expect(again.steps).toEqual([]);
    expect(again.summary).toBe("desired state of 4 people, 1 exclusive project: nothing to do");
  });

  it("names the place in the file of a project the source does not have, and stores no plan", async () => {
    const wrong = file.replace(
      `project: ${project.name}\n    exclusive`,
      "project: No Such Project\n    exclusive",
    );
    const answer = await gw.mutate(PLAN_ACCESS, { input: { desiredState: wrong, sources: [sourceId] } });
    expect(answer.errors?.[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "input.desiredState",
    });
    expect(answer.errors?.[0]?.message).toContain(
      `projects[0].project (line 3): "No Such Project" is not a project of source "${sourceId}"`,
    );
  });

  it("needs write scope, as every mutation", async () => {
    const answer = await gw.gql(
      PLAN_ACCESS,
      { input: { desiredState: file } },
      { authorization: `Bearer ${gw.keys.read}` },
    );
    expect(answer.status).toBe(403);
  });
});
