/**
 * What the engine reads from a stored plan's `request` beside the caller's own input, for any kind
 * of plan: whose plan it is (for the audit trail), and the names of the accounts it creates.
 * Never a secret: a password a vendor needs is given to the apply and never stored.
 */
import { normalizeEmail } from "../people/person.js";
import type { NewPerson } from "./onboarding.js";
import type { PlanRecord, StepRecord } from "./plan.js";

export interface EngineRequest {
  /** The person the plan is about (a person key), where it is about one. */
  readonly personKey?: string;
  /** What the plan's CREATE_ACCOUNT steps create, by normalized email. */
  readonly newAccounts?: Readonly<Record<string, NewPerson>>;
}

const engineRequest = (plan: PlanRecord): EngineRequest =>
  plan.request && typeof plan.request === "object" ? (plan.request as EngineRequest) : {};

/** The names of the account a step creates, or null when the plan does not hold them. */
export function newAccountOf(plan: PlanRecord, step: StepRecord): NewPerson | null {
  if (step.target.email === null) return null;
  return engineRequest(plan).newAccounts?.[normalizeEmail(step.target.email)] ?? null;
}

/** The person a step is about: the plan's person, else the email it names. */
export function personKeyOf(plan: PlanRecord, step: StepRecord): string | undefined {
  const email = step.target.email;
  return engineRequest(plan).personKey ?? (email === null ? undefined : normalizeEmail(email));
}
