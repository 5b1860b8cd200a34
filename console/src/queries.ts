/** The operations the console sends, each with the shape of its answer (schema/schema.graphql). */
import { document } from "./graphql";

export type Level = "UNKNOWN" | "CUSTOM" | "NONE" | "VIEW" | "EXECUTE" | "EDIT" | "MANAGE" | "ADMIN";
export type Scope = "READ" | "WRITE" | "ADMIN";

export interface Viewer {
  readonly kind: "API_KEY" | "TOKEN" | null;
  readonly name: string | null;
  readonly issuer: string | null;
  readonly scopes: readonly Scope[];
}

export const VIEWER = document<{ viewer: Viewer }>(
  `query ConsoleViewer { viewer { kind name issuer scopes } }`,
);

export interface SourceSummary {
  readonly id: string;
  readonly name: string;
}

export const SOURCES = document<{ sources: SourceSummary[] }>(`query ConsoleSources { sources { id name } }`);

export interface MatrixPerson {
  readonly id: string;
  readonly displayName: string;
  readonly email: string | null;
  readonly state: "ACTIVE_EVERYWHERE" | "PARTLY_ACTIVE" | "INACTIVE_EVERYWHERE";
  readonly accounts: ReadonlyArray<{ readonly active: boolean; readonly source: { readonly id: string } }>;
  readonly access: ReadonlyArray<{ readonly level: Level; readonly source: { readonly id: string } }>;
}

export interface PeopleFilter {
  name?: string;
  email?: string;
  sources?: string[];
  highestLevel?: Level;
}

export const PEOPLE = document<
  {
    people: {
      totalCount: number | null;
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      nodes: MatrixPerson[];
    };
  },
  { first: number; after?: string | null; filter?: PeopleFilter }
>(`query ConsolePeople($first: Int!, $after: String, $filter: PersonFilterInput) {
  people(first: $first, after: $after, filter: $filter) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes {
      id displayName email state
      accounts { active source { id } }
      access { level source { id } }
    }
  }
}`);

export interface AuditEvent {
  readonly id: string;
  readonly at: string;
  readonly caller: string;
  readonly operation: string;
  readonly source: string;
  readonly target: string;
  readonly action: string;
  readonly outcome: string;
  readonly code: string | null;
  readonly message: string | null;
  readonly plan: string | null;
  readonly step: string | null;
}

const AUDIT_FIELDS = "id at caller operation source target action outcome code message plan step";

export interface PersonDetail {
  readonly id: string;
  readonly displayName: string;
  readonly email: string | null;
  readonly emails: readonly string[];
  readonly state: MatrixPerson["state"];
  readonly highestLevel: Level | null;
  readonly accounts: ReadonlyArray<{
    readonly id: string;
    readonly displayName: string;
    readonly email: string | null;
    readonly login: string | null;
    readonly active: boolean;
    readonly admin: boolean | null;
    readonly lastLoginAt: string | null;
    readonly source: SourceSummary;
  }>;
  readonly access: ReadonlyArray<{
    readonly id: string;
    readonly level: Level;
    readonly role: string | null;
    readonly project: { readonly name: string } | null;
    readonly source: { readonly id: string };
    readonly user: { readonly id: string; readonly displayName: string } | null;
    readonly via: { readonly __typename: string; readonly name?: string } | null;
  }>;
}

export const PERSON = document<
  { person: PersonDetail | null; auditEvents: { nodes: AuditEvent[]; pageInfo: { hasNextPage: boolean } } },
  { id: string; key: string }
>(`query ConsolePerson($id: ID!, $key: String!) {
  person(id: $id) {
    id displayName email emails state highestLevel
    accounts { id displayName email login active admin lastLoginAt source { id name } }
    access {
      id level role project { name } source { id } user { id displayName }
      via { __typename ... on Group { name } ... on Team { name } }
    }
  }
  auditEvents(first: 100, filter: { person: $key }) { nodes { ${AUDIT_FIELDS} } pageInfo { hasNextPage } }
}`);

export type StepState = "PENDING" | "RUNNING" | "APPLIED" | "SKIPPED" | "FAILED" | "IMPOSSIBLE";
export type PlanStatus = "PLANNED" | "APPLYING" | "APPLIED" | "PARTIAL";

export interface PlanStep {
  readonly id: string;
  readonly action: string;
  readonly sourceId: string;
  readonly source: { readonly name: string } | null;
  readonly target: { readonly label: string };
  readonly from: string | null;
  readonly to: string | null;
  readonly possible: boolean;
  readonly reason: string | null;
  readonly dependsOn: readonly string[];
  readonly state: StepState;
  readonly result: {
    readonly code: string | null;
    readonly message: string | null;
    readonly drift: string | null;
  } | null;
}

export interface Plan {
  readonly id: string;
  readonly kind: "OFFBOARDING" | "ONBOARDING" | "ACCESS";
  readonly status: PlanStatus;
  readonly summary: string;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly counts: {
    readonly total: number;
    readonly applied: number;
    readonly skipped: number;
    readonly failed: number;
    readonly impossible: number;
    readonly pending: number;
  };
  readonly steps: readonly PlanStep[];
}

const PLAN_FIELDS = `id kind status summary createdAt createdBy
  counts { total applied skipped failed impossible pending }
  steps { id action sourceId source { name } target { label } from to possible reason dependsOn state result { code message drift } }`;

export const PLAN = document<
  { plan: Plan | null; auditEvents: { nodes: AuditEvent[] } },
  { id: string }
>(`query ConsolePlan($id: ID!) {
  plan(id: $id) { ${PLAN_FIELDS} }
  auditEvents(first: 500, filter: { plan: $id }) { nodes { ${AUDIT_FIELDS} } }
}`);

export type OffboardingMode = "DEACTIVATE" | "REMOVE_ACCESS" | "DELETE_WHERE_POSSIBLE";

export const PLAN_OFFBOARDING = document<
  { planOffboarding: { id: string } },
  { person: string; mode: OffboardingMode }
>(`mutation ConsolePlanOffboarding($person: String!, $mode: OffboardingMode!) {
  planOffboarding(input: { person: $person, mode: $mode }) { id }
}`);

export interface Template {
  readonly name: string;
  readonly description: string | null;
  readonly sources: readonly string[];
}

export const TEMPLATES = document<{ templates: Template[] }>(
  `query ConsoleTemplates { templates { name description sources } }`,
);

export const PLAN_ONBOARDING = document<
  { planOnboarding: { id: string } },
  { email: string; firstName?: string; lastName?: string; template: string }
>(`mutation ConsolePlanOnboarding($email: String!, $firstName: String, $lastName: String, $template: String!) {
  planOnboarding(input: { email: $email, firstName: $firstName, lastName: $lastName, template: $template }) { id }
}`);

export const APPLY_PLAN = document<{ applyPlan: Plan }, { plan: string; initialPassword?: string }>(
  `mutation ConsoleApplyPlan($plan: ID!, $initialPassword: String) {
  applyPlan(input: { plan: $plan, initialPassword: $initialPassword }) { ${PLAN_FIELDS} }
}`,
);
