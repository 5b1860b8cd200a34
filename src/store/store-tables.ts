/**
 * The store's tables as Kysely sees them. Dates go in as ISO strings and come back as a Date
 * (PostgreSQL's timestamptz) or that string (SQLite); JSON is text; booleans are 0/1 integers;
 * the audit ids are numbers (SQLite) or strings (PostgreSQL's int8), read through sql-values.ts.
 */
import type { ColumnType } from "kysely";

/** A timestamp column: written as an ISO string, read as whatever the engine gives. */
export type Timestamp = ColumnType<Date | string, string, string>;
/** An auto-increasing id: SQLite gives a number, PostgreSQL's bigserial a string. */
export type AutoId = ColumnType<number | string, never, never>;

export interface AccountLinksTable {
  source_id: string;
  remote_id: string;
  person_key: string;
  created_at: Timestamp;
  created_by: string;
}

export interface PlansTable {
  id: string;
  kind: string;
  status: string;
  created_at: Timestamp;
  created_by: string;
  summary: string;
  /** JSON text. */
  request: string | null;
  /** The process applying it (plan-lease.ts), while its lease lasts. */
  runner: ColumnType<string | null, string | null | undefined, string | null>;
  lease_until: ColumnType<Date | string | null, string | null | undefined, string | null>;
}

export interface PlanStepsTable {
  plan_id: string;
  step_id: string;
  /** The step's place in the plan (steps read back in the order they were stored). */
  position: number;
  source_id: string;
  action: string;
  user_id: string | null;
  email: string | null;
  project_id: string | null;
  group_id: string | null;
  team_id: string | null;
  label: string;
  from_state: string | null;
  to_state: string | null;
  possible: number;
  reason: string | null;
  /** JSON text: an array of step ids. */
  depends_on: string;
  state: string;
  /** JSON text of a StepResult, or null. */
  result: string | null;
  attempts: number;
  finished_at: Timestamp | null;
}

export interface AuditIntentsTable {
  id: AutoId;
  at: Timestamp;
  caller: string;
  operation: string;
  plan_id: string | null;
  step_id: string | null;
  source_id: string;
  target: string;
  person_key: string | null;
  action: string;
  /** JSON text, or null when unknown. */
  before_state: string | null;
  after_state: string | null;
}

export interface AuditResultsTable {
  id: AutoId;
  event_id: number | string;
  at: Timestamp;
  outcome: string;
  code: string | null;
  message: string | null;
  vendor_status: number | null;
  settled: number;
}

export interface StoreTables {
  account_links: AccountLinksTable;
  plans: PlansTable;
  plan_steps: PlanStepsTable;
  audit_intents: AuditIntentsTable;
  audit_results: AuditResultsTable;
  snapshots: SnapshotsTable;
  snapshot_sources: SnapshotSourcesTable;
  snapshot_accounts: SnapshotAccountsTable;
  snapshot_grants: SnapshotGrantsTable;
  snapshot_memberships: SnapshotMembershipsTable;
  snapshot_containers: SnapshotContainersTable;
  roster_entries: RosterEntriesTable;
}

export interface SnapshotsTable {
  id: string;
  status: string;
  trigger: string;
  taken_by: string;
  started_at: Timestamp;
  finished_at: Timestamp | null;
  /** The replica taking it through the job engine (snapshot-jobs.ts), while its lease lasts. */
  runner: ColumnType<string | null, string | null | undefined, string | null>;
  lease_until: ColumnType<Date | string | null, string | null | undefined, string | null>;
}

export interface SnapshotSourcesTable {
  snapshot_id: string;
  source_id: string;
  /** The source's place in the config when the snapshot was taken. */
  position: number;
  status: string;
  accounts_read: number;
  accounts_total: number | null;
  /** 1/0, or null while unknown. */
  logins_reported: number | null;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
  error_code: string | null;
  error_message: string | null;
}

export interface SnapshotAccountsTable {
  snapshot_id: string;
  source_id: string;
  remote_id: string;
  person_key: string;
  person_basis: string;
  email: string | null;
  login: string | null;
  display_name: string;
  active: number;
  admin: number | null;
  last_login_at: Timestamp | null;
  created_at: Timestamp | null;
  archived: number;
  /** 1 when the account's permissions were read (its grant rows are all it held), 0 when not. */
  grants_read: number;
  /** 1 when its groups and teams were read, 0 when not. */
  memberships_read: number;
  /** Its highest grant's level (LEVEL_ORDER); null when it held none, or they were not read. */
  highest_level: ColumnType<string | null, string | null | undefined, string | null>;
  /** What the matrix's search looks in, lower-cased (searchTextOf); null only before 005 filled it. */
  search_text: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface SnapshotGrantsTable {
  snapshot_id: string;
  source_id: string;
  remote_id: string;
  /** The project's id, or "*" for an instance-wide grant (a comparable key, never SQL NULL). */
  scope: string;
  project_name: string | null;
  role: string | null;
  level: string;
  /** "GROUP", "TEAM", or "" for a direct grant. */
  via_type: string;
  /** The group's or team's id, or "" for a direct grant. */
  via_id: string;
}

export interface SnapshotMembershipsTable {
  snapshot_id: string;
  source_id: string;
  remote_id: string;
  kind: string;
  container_id: string;
  container_name: string | null;
}

export interface SnapshotContainersTable {
  snapshot_id: string;
  source_id: string;
  kind: string;
  remote_id: string;
  name: string;
  active: number | null;
}

export interface RosterEntriesTable {
  person_key: string;
  name: string | null;
  supplied_at: Timestamp;
  supplied_by: string;
}
