/**
 * Planning reads no more than a query of the same facts: a person's offboarding with REMOVE_ACCESS
 * costs each vendor at most the calls of `usersByEmail` selecting the same relations (one batch per
 * source and relation, never a call per account beyond the vendor's floor).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type GatewayHarness, startGateway } from "../../support/gateway-harness.js";
import { planOffboarding } from "./plan-queries.js";

describe("what planning costs", () => {
  let gw: GatewayHarness;
  beforeAll(async () => {
    gw = await startGateway({ users: 20 });
  });
  afterAll(() => gw?.stop());

  /** Calls per source since the logs were cleared, sign-ins left out (made once per connector). */
  const calls = () => Object.fromEntries([...gw.sims].map(([id, sim]) => [id, sim.log.calls().length]));

  it("costs each vendor no more than usersByEmail with the same relations", async () => {
    const email = "barbara.liskov@example.com";
    gw.clearLogs();
    const { errors } = await gw.gql(
      `query($email: String!) { usersByEmail(email: $email) { id
        permissions { role project { name } via { id } } groups(first: 100) { nodes { id name } } teams(first: 100) { nodes { id name } } } }`,
      { email },
    );
    expect(errors).toBeUndefined();
    const query = calls();
    gw.clearLogs();
    const plan = await planOffboarding(gw, email, "REMOVE_ACCESS");
    expect(plan.steps.length).toBeGreaterThan(0);
    const planning = calls();
    for (const [source, made] of Object.entries(planning))
      expect({ source, made }).toEqual({ source, made: Math.min(made, query[source] ?? 0) });
  });
});
