/**
 * Plans a desired-state file: parse it, read the lists its names need and resolve them, read the
 * listed people and the holders of what it marks exclusive, plan (plan-access.ts) and store the
 * plan. Nothing changes at any vendor. What `planAccess` and `rollcall plan` both run.
 */
import type { RequestContext } from "../../loaders/request-context.js";
import { InputError } from "../../model/errors.js";
import type { PlanStore } from "../../store/store.js";
import type { PlanRecord } from "../plan.js";
import type { EngineRequest } from "../plan-request.js";
import { storePlan } from "../store-plan.js";
import { DesiredStateError, parseDesiredState } from "./parse-desired-state.js";
import { planAccess } from "./plan-access.js";
import { readCatalogs, readLiveAccess } from "./read-access-state.js";
import { resolveDesiredState } from "./resolve-desired-state.js";

export interface AccessRequest {
  /** The desired-state file's content (YAML or JSON). */
  readonly desiredState: string;
  /** Only these sources; every configured one when absent. */
  readonly sources?: readonly string[] | null;
}

/** "desired state of 3 people, 1 exclusive project": what the plan is about. */
function about(people: number, exclusive: { projects: number; groups: number; teams: number }): string {
  const n = (count: number, what: string) => `${count} ${what}${count === 1 ? "" : "s"}`;
  const marked = [
    exclusive.projects ? n(exclusive.projects, "exclusive project") : null,
    exclusive.groups ? n(exclusive.groups, "exclusive group") : null,
    exclusive.teams ? n(exclusive.teams, "exclusive team") : null,
  ].filter((part) => part !== null);
  return `desired state of ${[`${people} ${people === 1 ? "person" : "people"}`, ...marked].join(", ")}`;
}

/**
 * Throws DesiredStateError for what is wrong with the file (every problem, each naming its place),
 * InputError for an unknown source in `sources`.
 */
export async function planDesiredState(
  ctx: RequestContext,
  plans: PlanStore,
  request: AccessRequest,
  options: { readonly createdBy: string; readonly sourcesField?: string },
): Promise<PlanRecord> {
  const field = options.sourcesField ?? "input.sources";
  // An empty list would plan nothing anywhere and call it done.
  if (request.sources?.length === 0)
    throw new InputError("Name at least one source, or leave the sources out", field);
  const selected = ctx.selectSessions(request.sources, field).map((s) => s.sourceId);
  const { file, lineOf } = parseDesiredState(request.desiredState);
  const catalogs = await readCatalogs(ctx, file, selected);
  const desired = resolveDesiredState({
    file,
    lineOf,
    configured: ctx.gateway.connectors.map((c) => c.source.id),
    selected,
    catalogs,
  });
  const live = await readLiveAccess(ctx, desired);
  const draft = planAccess({ desired, live, catalogs });
  if (draft.problems.length > 0) throw new DesiredStateError(draft.problems);
  const stored: AccessRequest & EngineRequest = {
    desiredState: request.desiredState,
    sources: request.sources ?? null,
    newAccounts: draft.newAccounts,
  };
  return storePlan(plans, {
    kind: "ACCESS",
    createdBy: options.createdBy,
    about: about(desired.people.length, {
      projects: desired.exclusive.projects.length,
      groups: desired.exclusive.groups.length,
      teams: desired.exclusive.teams.length,
    }),
    request: stored,
    steps: draft.steps,
  });
}
