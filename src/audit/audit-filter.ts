/**
 * The audit trail's filter as a caller writes it — in GraphQL's `auditEvents(filter:)` or the
 * export's query string — checked and turned into the store's. One reader for both, so a filter
 * means the same in either place; a bad one is an InputError naming the field as the caller wrote it.
 */
import { InputError } from "../model/errors.js";
import { normalizeEmail } from "../people/person.js";
import { StepAction } from "../plans/plan.js";
import { type AuditFilter, AuditOutcome } from "../store/store.js";

export interface AuditFilterFields {
  /** An email, or a Person's id (`Person:<key>`). */
  readonly person?: string | null;
  readonly source?: string | null;
  readonly caller?: string | null;
  readonly action?: string | null;
  readonly outcome?: string | null;
  readonly plan?: string | null;
  /** A Date (GraphQL's DateTime) or ISO-8601 text (a query string). */
  readonly since?: Date | string | null;
  readonly until?: Date | string | null;
}

export const AUDIT_FILTER_KEYS = [
  "person",
  "source",
  "caller",
  "action",
  "outcome",
  "plan",
  "since",
  "until",
] as const satisfies ReadonlyArray<keyof AuditFilterFields>;

const PERSON_PREFIX = "Person:";
const EMAIL = /^[^\s@]+@[^\s@]+$/;
const SOURCE_ID = /^[a-z][a-z0-9-]*$/;

/** The person key a filter names: an email's normalized form, or the key inside a Person id. */
function personKey(value: string, field: string): string {
  const trimmed = value.trim();
  if (trimmed.startsWith(PERSON_PREFIX)) {
    try {
      const key = decodeURIComponent(trimmed.slice(PERSON_PREFIX.length));
      if (key !== "") return key;
    } catch {
      // falls through to the refusal
    }
  } else if (EMAIL.test(trimmed)) return normalizeEmail(trimmed);
  throw new InputError(`"${value}" is neither an email nor a Person's id (Person:<key>)`, field);
}

function instant(value: Date | string, field: string): Date {
  const date = value instanceof Date ? value : new Date(value);
  // Text must be a full ISO-8601 date-time, as GraphQL's DateTime takes it (not "yesterday").
  const iso = typeof value !== "string" || /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value);
  if (!iso || Number.isNaN(date.getTime()))
    throw new InputError(`"${String(value)}" is not an ISO-8601 date-time`, field);
  return date;
}

function oneOf<T extends string>(allowed: Record<string, T>, value: string, field: string): T {
  const found = Object.values(allowed).find((v) => v === value);
  if (!found) throw new InputError(`"${value}" is not one of ${Object.values(allowed).join(", ")}`, field);
  return found;
}

function text(value: string, field: string): string {
  const trimmed = value.trim();
  if (trimmed === "") throw new InputError(`\`${field}\` must not be empty`, field);
  return trimmed;
}

/** The store's filter for `fields`; `field(key)` names a key as the caller wrote it (`filter.since`, `since`). */
export function auditFilterOf(
  fields: AuditFilterFields | null | undefined,
  field: (key: keyof AuditFilterFields) => string,
): AuditFilter {
  const f = fields ?? {};
  const given = <K extends keyof AuditFilterFields>(key: K) =>
    f[key] === null || f[key] === undefined ? undefined : (f[key] as NonNullable<AuditFilterFields[K]>);
  const source = given("source");
  if (source !== undefined && !SOURCE_ID.test(source))
    throw new InputError(`"${source}" is not a source id`, field("source"));
  const person = given("person");
  const caller = given("caller");
  const action = given("action");
  const outcome = given("outcome");
  const plan = given("plan");
  const since = given("since");
  const until = given("until");
  const filter: AuditFilter = {
    personKey: person === undefined ? undefined : personKey(person, field("person")),
    sourceId: source,
    caller: caller === undefined ? undefined : text(caller, field("caller")),
    action: action === undefined ? undefined : oneOf(StepAction, action, field("action")),
    outcome: outcome === undefined ? undefined : oneOf(AuditOutcome, outcome, field("outcome")),
    planId: plan === undefined ? undefined : text(plan, field("plan")),
    since: since === undefined ? undefined : instant(since, field("since")),
    until: until === undefined ? undefined : instant(until, field("until")),
  };
  if (filter.since && filter.until && filter.until < filter.since)
    throw new InputError("`until` is before `since`", field("until"));
  return filter;
}
