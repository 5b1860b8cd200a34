/**
 * Access review's documents (schema/schema.graphql: Query.findingCounts, Query.findings,
 * Query.accessChanges): what the latest snapshot finds, and what changed since the one before.
 */
import { document } from "../graphql";
import type { Level } from "../queries";

export type FindingKind =
  | "DORMANT_ACCOUNT"
  | "INACTIVE_WITH_ACCESS"
  | "NOT_IN_ROSTER"
  | "PARTIAL_OFFBOARDING"
  | "PRIVILEGED_ACCOUNT"
  | "UNOWNED_ACCOUNT";

export const FINDING_LABEL: Record<FindingKind, string> = {
  DORMANT_ACCOUNT: "Dormant accounts",
  INACTIVE_WITH_ACCESS: "Inactive with access",
  NOT_IN_ROSTER: "Not in the roster",
  PARTIAL_OFFBOARDING: "Partial offboarding",
  PRIVILEGED_ACCOUNT: "Privileged accounts",
  UNOWNED_ACCOUNT: "Unowned accounts",
};

export interface ReviewAccount {
  readonly userId: string;
  readonly displayName: string;
  readonly email: string | null;
  readonly source: string;
}

export interface FindingCount {
  readonly kind: FindingKind;
  readonly count: number | null;
  readonly reason: string | null;
  readonly incompleteSources: readonly string[];
  readonly snapshot: string;
}

export const FINDING_COUNTS = document<{ findingCounts: FindingCount[] }, { snapshot: string }>(
  `query ConsoleFindingCounts($snapshot: ID!) {
  findingCounts(snapshot: $snapshot) { kind count reason incompleteSources snapshot }
}`,
);

export interface Finding {
  readonly kind: FindingKind;
  readonly reason: string;
  readonly person: string;
  readonly active: boolean;
  readonly account: ReviewAccount;
}

export interface FindingPage {
  readonly totalCount: number;
  readonly incompleteSources: readonly string[];
  readonly loginsUnreportedSources: readonly string[];
  readonly pageInfo: { readonly hasNextPage: boolean; readonly endCursor: string | null };
  readonly nodes: readonly Finding[];
}

const FINDING_PAGE_FIELDS = `totalCount incompleteSources loginsUnreportedSources
  pageInfo { hasNextPage endCursor }
  nodes { kind reason person active account { userId displayName email source } }`;

export const FINDINGS = document<
  { findings: FindingPage },
  { snapshot: string; kind: FindingKind; first: number; after?: string | null; person?: string }
>(`query ConsoleFindings($snapshot: ID!, $kind: FindingKind!, $first: Int!, $after: String, $person: String) {
  findings(snapshot: $snapshot, kind: $kind, first: $first, after: $after, filter: { person: $person }) {
    ${FINDING_PAGE_FIELDS}
  }
}`);

/**
 * One person's findings of every kind that can be judged, in one request: a kind that can't be
 * (no roster) is refused by the gateway, and would take the others' answers with it.
 */
export function personFindings(kinds: readonly FindingKind[]) {
  const fields = kinds.map(
    (
      kind,
    ) => `${kind}: findings(snapshot: $snapshot, kind: ${kind}, first: 100, filter: { person: $person }) {
    ${FINDING_PAGE_FIELDS}
  }`,
  );
  return document<Partial<Record<FindingKind, FindingPage>>, { snapshot: string; person: string }>(
    `query ConsolePersonFindings($snapshot: ID!, $person: String!) {\n${fields.join("\n")}\n}`,
  );
}

export type ChangeKind =
  | "ACCOUNT_CREATED"
  | "ACCOUNT_REMOVED"
  | "ACCOUNT_ACTIVATED"
  | "ACCOUNT_DEACTIVATED"
  | "PERMISSION_GAINED"
  | "PERMISSION_LOST"
  | "PERMISSION_CHANGED"
  | "GROUP_JOINED"
  | "GROUP_LEFT"
  | "TEAM_JOINED"
  | "TEAM_LEFT";

export interface Grant {
  readonly level: Level;
  readonly role: string | null;
}

/** A group or team, by its id in its source. */
export interface Container {
  readonly id: string;
  readonly name: string | null;
  readonly type: string;
}

export interface AccessChange {
  readonly kind: ChangeKind;
  readonly origin: "ROLLCALL" | "OUTSIDE_ROLLCALL";
  readonly source: string;
  readonly person: string;
  readonly account: ReviewAccount;
  readonly project: { readonly id: string | null; readonly name: string | null } | null;
  readonly group: Container | null;
  readonly via: Container | null;
  readonly before: Grant | null;
  readonly after: Grant | null;
  readonly auditEvent: {
    readonly id: string;
    readonly at: string;
    readonly caller: string;
    readonly action: string;
    readonly outcome: string;
    readonly plan: string | null;
  } | null;
}

export interface ChangePage {
  readonly from: string;
  readonly to: string;
  readonly totalCount: number;
  readonly comparedSources: readonly string[];
  readonly incompleteSources: readonly string[];
  readonly pageInfo: { readonly hasNextPage: boolean; readonly endCursor: string | null };
  readonly nodes: readonly AccessChange[];
}

export const ACCESS_CHANGES = document<
  { accessChanges: ChangePage },
  { from: string; to: string; first: number; after?: string | null; person?: string }
>(`query ConsoleAccessChanges($from: ID!, $to: ID!, $first: Int!, $after: String, $person: String) {
  accessChanges(from: $from, to: $to, first: $first, after: $after, filter: { person: $person }) {
    from to totalCount comparedSources incompleteSources
    pageInfo { hasNextPage endCursor }
    nodes {
      kind origin source person
      account { userId displayName email source }
      project { id name } group { id name type } via { id name type }
      before { level role } after { level role }
      auditEvent { id at caller action outcome plan }
    }
  }
}`);
