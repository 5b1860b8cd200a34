/**
 * Access as code over real HTTP against the simulators: a desired-state file that marks one project
 * exclusive is planned with planAccess (the unlisted holders taken off, the listed given their
 * roles, a newcomer's account created first), applied with applyPlan, the live state read back,
 * and planned again: nothing left to do. The source is picked by what it can do, never by name.
 * Planning is estimated before it runs, at no less than the reads it makes.
 */
import { readFile } from "node:fs/promises";
import { type OperationDefinitionNode, parse } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RequestContext } from "../../src/loaders/request-context.js";
import { planDesiredState } from "../../src/plans/access-as-code/plan-desired-state.js";
import { type Estimate, fragmentsOf } from "../../src/server/limits/operation-estimate.js";
import {
  type ExclusiveProjectFile,
  exclusiveProjectFile,
  holdersOf,
  NEWCOMER,
} from "../support/desired-state.js";
import { type GatewayHarness, startGateway } from "../support/gateway-harness.js";

interface StepView {
  readonly id: string;
  readonly sourceId: string;
  readonly action: string;
  readonly target: { readonly email: string | null; readonly label: string };
  readonly from: string | null;
  readonly to: string | null;
  readonly possible: boolean;
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
  id sourceId action target { email label } from to possible dependsOn state
}`;
const PLAN_ACCESS = `mutation Plan($input: PlanAccessInput!) { planAccess(input: $input) { ${PLAN_FIELDS} } }`;
/** Some vendors take no new account without an initial password: the apply brings one. */
const APPLY = `mutation Apply($plan: ID!) {
  applyPlan(input: { plan: $plan, initialPassword: "Welcome-2-access-as-code" }) { ${PLAN_FIELDS} }
}`;

describe("access as code: a desired state with an exclusive project", () => {
  let gw: GatewayHarness;
  let file: ExclusiveProjectFile;
  let plan: PlanView;

  const planAccess = async (desiredState: string) => {
    const answer = await gw.mutate<{ planAccess: PlanView }>(PLAN_ACCESS, {
      input: { desiredState, sources: [file.sourceId] },
    });
    expect(answer.errors).toBeUndefined();
    return answer.data?.planAccess as PlanView;
  };

  beforeAll(async () => {
    gw = await startGateway({ users: 30 });
    file = await exclusiveProjectFile(gw);
  });
  afterAll(async () => {
    await gw?.stop();
  });

  it("plans the unlisted holders off the exclusive project and the listed onto it, changing nothing yet", async () => {
    const before = await holdersOf(gw, file.project.id);
    plan = await planAccess(file.text);
    expect(plan).toMatchObject({ kind: "ACCESS", status: "PLANNED", createdBy: "key:test-writer" });
    expect(plan.steps.every((s) => s.possible && s.state === "PENDING" && s.sourceId === file.sourceId)).toBe(
      true,
    );

    const removed = plan.steps.filter((s) => s.action === "REMOVE_FROM_PROJECT");
    expect(removed.map((s) => s.target.email?.toLowerCase()).sort()).toEqual(file.unlisted);
    for (const step of removed) expect(step.from).toBe(before.get(step.target.email?.toLowerCase() ?? ""));

    const [keep, change, outsider] = [...file.listed.keys()] as [string, string, string];
    const about = (email: string) => plan.steps.filter((s) => s.target.email?.toLowerCase() === email);
    expect(about(keep)).toEqual([]); // already holds the role the file gives
    expect(about(change).map((s) => [s.action, s.from, s.to])).toEqual([
      ["CHANGE_ROLE", before.get(change), file.listed.get(change)],
    ]);
    expect(about(outsider).map((s) => [s.action, s.from, s.to])).toEqual([
      ["ASSIGN_ROLE", null, file.listed.get(outsider)],
    ]);
    const [create, grant] = about(NEWCOMER);
    expect(create).toMatchObject({ action: "CREATE_ACCOUNT", to: "active" });
    expect(grant).toMatchObject({
      action: "ASSIGN_ROLE",
      to: file.listed.get(NEWCOMER),
      dependsOn: [create?.id],
    });
    expect(plan.summary).toBe(`desired state of 4 people, 1 exclusive project: ${plan.steps.length} steps`);

    expect(await holdersOf(gw, file.project.id)).toEqual(before); // planning changed nothing
  });

  it("applies it: the project's holders are then exactly the file's people, with the file's roles", async () => {
    const { data, errors } = await gw.mutate<{ applyPlan: PlanView }>(APPLY, { plan: plan.id });
    expect(errors).toBeUndefined();
    expect(data?.applyPlan.status).toBe("APPLIED");
    expect(data?.applyPlan.steps.map((s) => s.state)).toEqual(plan.steps.map(() => "APPLIED"));

    const after = await holdersOf(gw, file.project.id);
    expect(new Map([...after].map(([email, role]) => [email, role?.toLowerCase()]))).toEqual(
      new Map([...file.listed].map(([email, role]) => [email, role.toLowerCase()])),
    );
  });

  it("plans nothing once the live state is the file's", async () => {
    const again = await planAccess(file.text);
    expect(again.steps).toEqual([]);
    expect(again.summary).toBe("desired state of 4 people, 1 exclusive project: nothing to do");
  });

  it("names the place in the file of a project the source does not have, and stores no plan", async () => {
    const wrong = file.text.replace(
      `project: ${file.project.name}\n    exclusive`,
      "project: No Such Project\n    exclusive",
    );
    const answer = await gw.mutate(PLAN_ACCESS, { input: { desiredState: wrong, sources: [file.sourceId] } });
    expect(answer.errors?.[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "input.desiredState",
    });
    expect(answer.errors?.[0]?.message).toContain(
      `projects[0].project (line 3): "No Such Project" is not a project of source "${file.sourceId}"`,
    );
  });

  it("names an unknown source in `sources`, and an empty list of them", async () => {
    for (const sources of [["nowhere"], []]) {
      const answer = await gw.mutate(PLAN_ACCESS, { input: { desiredState: file.text, sources } });
      expect(answer.errors?.[0]?.extensions).toMatchObject({
        code: "BAD_USER_INPUT",
        field: "input.sources",
      });
    }
  });

  it("needs write scope, as every mutation", async () => {
    const answer = await gw.gql(
      PLAN_ACCESS,
      { input: { desiredState: file.text } },
      { authorization: `Bearer ${gw.keys.read}` },
    );
    expect(answer.status).toBe(403);
  });
});

describe("the estimate of planAccess", () => {
  const EXAMPLE = new URL("../../examples/access/mobile-team.yaml", import.meta.url).pathname;
  let gw: GatewayHarness;
  beforeAll(async () => {
    gw = await startGateway({
      users: 30, // the example's people are among the first 30 the simulators seed
      server: { limits: { callers: { "test-writer": { upstreamCalls: 3 } } } },
    });
  });
  afterAll(async () => {
    await gw?.stop();
  });

  it("is no less than the reads planning makes, in every source", async () => {
    const texts = [await readFile(EXAMPLE, "utf8"), (await exclusiveProjectFile(gw)).text];
    const document = parse(PLAN_ACCESS);
    const operation = document.definitions[0] as OperationDefinitionNode;
    for (const desiredState of texts) {
      const variables = { input: { desiredState } };
      const estimate = gw.rollcall.server.estimator.estimate(
        operation,
        fragmentsOf(document),
        variables,
        new Map(),
      ) as Estimate;
      // Planned through the code planAccess runs, with no budget in the way.
      gw.clearLogs();
      await planDesiredState(
        new RequestContext(gw.rollcall.gateway),
        gw.rollcall.store.plans,
        { desiredState },
        {
          createdBy: "test",
        },
      );
      const made = Object.fromEntries([...gw.sims].map(([id, sim]) => [id, sim.log.calls().length]));
      for (const [id, calls] of Object.entries(made))
        expect(estimate.bySource[id] ?? 0, `${id}: ${desiredState.slice(0, 60)}`).toBeGreaterThanOrEqual(
          calls,
        );
      expect(Object.values(made).some((calls) => calls > 0)).toBe(true);
      // Within the default budget of one operation (server.limits.upstreamCalls).
      expect(estimate.upstreamCalls).toBeLessThanOrEqual(2500);
    }
  });

  it("refuses a caller whose budget is smaller, with nothing sent", async () => {
    const desiredState = await readFile(EXAMPLE, "utf8");
    gw.clearLogs();
    const answer = await gw.mutate(PLAN_ACCESS, { input: { desiredState } });
    expect(answer.errors?.[0]?.extensions).toMatchObject({
      code: "OPERATION_TOO_COSTLY",
      limit: "upstreamCalls",
    });
    expect(Object.values(gw.upstreamCounts()).every((n) => n === 0)).toBe(true);
  });
});
