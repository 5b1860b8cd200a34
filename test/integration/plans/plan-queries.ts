/** The plan operations the plan specs send, and the shape of what they answer. */
import type { GatewayHarness } from "../../support/gateway-harness.js";

export interface Step {
  id: string;
  sourceId: string;
  action: string;
  target: {
    label: string;
    user: string | null;
    project: string | null;
    group: string | null;
    team: string | null;
  };
  from: string | null;
  to: string | null;
  possible: boolean;
  reason: string | null;
  dependsOn: string[];
  state: string;
  attempts: number;
  result: { code: string | null; message: string | null; drift: string | null } | null;
}

export interface PlanAnswer {
  id: string;
  kind: string;
  status: string;
  summary: string;
  createdBy: string;
  steps: Step[];
  counts: {
    total: number;
    applied: number;
    skipped: number;
    failed: number;
    pending: number;
    impossible: number;
  };
}

const PLAN = `id kind status summary createdBy
  steps { id sourceId action target { label user project group team } from to possible reason dependsOn state attempts result { code message drift } }
  counts { total applied skipped failed pending impossible }`;

async function answer<K extends string>(
  pending: Promise<{ data?: Record<string, unknown>; errors?: unknown[] }>,
  field: K,
): Promise<PlanAnswer> {
  const { data, errors } = await pending;
  if (errors || !data?.[field]) throw new Error(`${field} failed: ${JSON.stringify(errors)}`);
  return data[field] as PlanAnswer;
}

export const planOffboarding = (gw: GatewayHarness, person: string, mode: string, sources?: string[]) =>
  answer(
    gw.mutate(
      `mutation($person: String!, $mode: OffboardingMode!, $sources: [ID!]) {
        planOffboarding(input: { person: $person, mode: $mode, sources: $sources }) { ${PLAN} } }`,
      { person, mode, sources },
    ),
    "planOffboarding",
  );

export const planOnboarding = (gw: GatewayHarness, input: Record<string, unknown>) =>
  answer(
    gw.mutate(`mutation($input: PlanOnboardingInput!) { planOnboarding(input: $input) { ${PLAN} } }`, {
      input,
    }),
    "planOnboarding",
  );

export const applyPlan = (gw: GatewayHarness, plan: string, initialPassword?: string) =>
  answer(
    gw.mutate(
      `mutation($plan: ID!, $password: String) { applyPlan(input: { plan: $plan, initialPassword: $password }) { ${PLAN} } }`,
      { plan, password: initialPassword },
    ),
    "applyPlan",
  );

export const readPlan = (gw: GatewayHarness, id: string) =>
  answer(gw.gql(`query($id: ID!) { plan(id: $id) { ${PLAN} } }`, { id }), "plan");

export interface Account {
  id: string;
  source: { id: string };
  active: boolean;
  /** Soft-deleted, where the vendor deletes so. */
  archived: boolean;
  permissions: Array<{ role: string | null; project: { id: string } | null; via: { id: string } | null }>;
  groups: { nodes: Array<{ id: string }> };
  teams: { nodes: Array<{ id: string }> };
}

/** Every account with this email, with its access, read live. */
export async function accountsOf(gw: GatewayHarness, email: string): Promise<Account[]> {
  const { data, errors } = await gw.gql<{ usersByEmail: Account[] }>(
    `query($email: String!) { usersByEmail(email: $email) { id source { id } active archived
      permissions { role project { id } via { id } } groups(first: 100) { nodes { id } } teams(first: 100) { nodes { id } } } }`,
    { email },
  );
  if (errors) throw new Error(JSON.stringify(errors));
  return data!.usersByEmail;
}

/** Requests a simulator answered since its log was cleared that change something (not GET). */
export const writesTo = (gw: GatewayHarness, source: string) =>
  (gw.sims.get(source)?.log.calls() ?? []).filter((c) => c.method !== "GET");
