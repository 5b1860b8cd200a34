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
}
