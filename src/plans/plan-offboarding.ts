/**
 * Plans a person's offboarding: finds their accounts (findPerson: at usersByEmail's cost), reads
 * their access where the mode needs it (one batch per source), plans (offboarding.ts) and stores the
 * plan. Nothing changes at any vendor.
 */
import type { RequestContext, ResponsePath } from "../loaders/request-context.js";
import { InputError } from "../model/errors.js";
import { findPerson } from "../people/find-person.js";
import type { PlanStore } from "../store/store.js";
import { type OffboardingMode, planOffboarding, readsAccess } from "./offboarding.js";
import { personOfInput } from "./person-input.js";
import type { PlanRecord } from "./plan.js";
import type { EngineRequest } from "./plan-request.js";
import { readAccountStates } from "./read-state.js";
import { abilitiesOf } from "./source-abilities.js";
import { storePlan } from "./store-plan.js";

export interface OffboardingRequest {
  /** An email or a Person id. */
  readonly person: string;
  readonly mode: OffboardingMode;
  /** Only these sources; all when absent. */
  readonly sources?: readonly string[] | null;
}

export async function planPersonOffboarding(
  ctx: RequestContext,
  plans: PlanStore,
  request: OffboardingRequest,
  options: { readonly createdBy: string; readonly path?: ResponsePath },
): Promise<PlanRecord> {
  const sessions = ctx.selectSessions(request.sources, "input.sources");
  const { key, email } = personOfInput(request.person, "input.person");
  const person = await findPerson(ctx, { key }, { path: options.path });
  if (!person) throw new InputError(`No source holds an account of "${request.person}"`, "input.person");
  const chosen = new Set(sessions.map((s) => s.sourceId));
  const accounts = person.accounts.filter((a) => chosen.has(a.sourceId));
  const unread = (person.sourceErrors ?? [])
    .filter((e) => chosen.has(e.sourceId))
    .map((error) => ({ sourceId: error.sourceId, error }));
  const common = {
    email: email ?? accounts[0]?.email ?? null,
    sources: new Map(sessions.map((s) => [s.sourceId, abilitiesOf(s.connector)])),
    unread,
  };
  const steps = readsAccess(request.mode)
    ? planOffboarding({ ...common, mode: request.mode, accounts: await readAccountStates(ctx, accounts) })
    : planOffboarding({ ...common, mode: request.mode, accounts });
  const stored: OffboardingRequest & EngineRequest = {
    person: request.person,
    mode: request.mode,
    sources: request.sources ?? null,
    personKey: key,
  };
  return storePlan(plans, {
    kind: "OFFBOARDING",
    createdBy: options.createdBy,
    about: `offboard ${email ?? key} (${request.mode})`,
    request: stored,
    steps,
  });
}
