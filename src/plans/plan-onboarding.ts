/**
 * Plans a person's onboarding: what the caller asks (grants, groups, teams, sources) and the named
 * template's entries, the person's existing accounts (findPerson) and their access, the chosen
 * sources' live lists; then plans (onboarding.ts) and stores the plan. Nothing changes at any vendor.
 *
 * The sources: those in `sources` when given (a template's entries for other sources are left out;
 * the caller's own entries must be among them), else every source an entry names.
 */
import type { Templates } from "../config/templates-schema.js";
import type { RequestContext, ResponsePath } from "../loaders/request-context.js";
import { InputError } from "../model/errors.js";
import { findPerson } from "../people/find-person.js";
import { normalizeEmail } from "../people/person.js";
import { expectEmail, expectText } from "../schema/mutations/global-ids.js";
import type { PlanStore } from "../store/store.js";
import {
  type NewPerson,
  planOnboarding,
  type SourceWish,
  type WantedGrant,
  type WantedMembership,
} from "./onboarding.js";
import { type PlanRecord, StepAction } from "./plan.js";
import type { EngineRequest } from "./plan-request.js";
import { readCatalogue } from "./read-catalogue.js";
import { readAccountStates } from "./read-state.js";
import { abilitiesOf } from "./source-abilities.js";
import { storePlan } from "./store-plan.js";

export interface OnboardingRequest {
  readonly email: string;
  readonly firstName?: string | null;
  readonly lastName?: string | null;
  /** A template's name (config `templates`). */
  readonly template?: string | null;
  readonly grants?: ReadonlyArray<{
    readonly source: string;
    readonly project: string;
    readonly role?: string | null;
  }> | null;
  readonly groups?: ReadonlyArray<{ readonly source: string; readonly group: string }> | null;
  readonly teams?: ReadonlyArray<{ readonly source: string; readonly team: string }> | null;
  readonly sources?: readonly string[] | null;
}

/** Every entry asked for, with its source and the name of the entry (for messages). */
interface Entries {
  readonly grants: Array<WantedGrant & { readonly source: string }>;
  readonly groups: Array<WantedMembership & { readonly source: string }>;
  readonly teams: Array<WantedMembership & { readonly source: string }>;
}

function entriesOf(ctx: RequestContext, request: OnboardingRequest, templates: Templates): Entries {
  const entries: Entries = { grants: [], groups: [], teams: [] };
  const known = (source: string, field: string) => {
    if (!ctx.gateway.connector(source)) throw new InputError(`Unknown source "${source}"`, field);
  };
  if (request.template != null) {
    const template = templates[request.template];
    if (!template) {
      const names = Object.keys(templates);
      throw new InputError(
        `No template "${request.template}" (${names.length > 0 ? `templates: ${names.join(", ")}` : "none is configured"})`,
        "input.template",
      );
    }
    const at = `templates.${request.template}`;
    entries.grants.push(
      ...template.grants.map((g, i) => ({
        entry: `${at}.grants[${i}]`,
        source: g.source,
        project: g.project,
        role: g.role ?? null,
      })),
    );
    entries.groups.push(
      ...template.groups.map((g, i) => ({ entry: `${at}.groups[${i}]`, source: g.source, name: g.group })),
    );
    entries.teams.push(
      ...template.teams.map((t, i) => ({ entry: `${at}.teams[${i}]`, source: t.source, name: t.team })),
    );
  }
  const text = (value: string, field: string) => expectText(value, field, { required: true }) as string;
  request.grants?.forEach((g, i) => {
    const at = `input.grants[${i}]`;
    known(g.source, `${at}.source`);
    entries.grants.push({
      entry: at,
      source: g.source,
      project: text(g.project, `${at}.project`),
      role: expectText(g.role, `${at}.role`, { required: false }) ?? null,
    });
  });
  request.groups?.forEach((g, i) => {
    const at = `input.groups[${i}]`;
    known(g.source, `${at}.source`);
    entries.groups.push({ entry: at, source: g.source, name: text(g.group, `${at}.group`) });
  });
  request.teams?.forEach((t, i) => {
    const at = `input.teams[${i}]`;
    known(t.source, `${at}.source`);
    entries.teams.push({ entry: at, source: t.source, name: text(t.team, `${at}.team`) });
  });
  return entries;
}

/** The sources to onboard on, and the entries for them (the caller's own must be among `sources`). */
function chooseSources(ctx: RequestContext, request: OnboardingRequest, all: Entries) {
  if (request.sources != null) {
    const sessions = ctx.selectSessions(request.sources, "input.sources");
    const chosen = new Set(sessions.map((s) => s.sourceId));
    for (const list of [all.grants, all.groups, all.teams])
      for (const e of list)
        if (e.entry.startsWith("input.") && !chosen.has(e.source))
          throw new InputError(`Source "${e.source}" is not among \`input.sources\``, `${e.entry}.source`);
    const keep = <T extends { source: string }>(list: T[]) => list.filter((e) => chosen.has(e.source));
    return {
      sessions,
      entries: { grants: keep(all.grants), groups: keep(all.groups), teams: keep(all.teams) },
    };
  }
  const named = new Set([...all.grants, ...all.groups, ...all.teams].map((e) => e.source));
  if (named.size === 0)
    throw new InputError(
      "Nothing to onboard: name `sources`, or grants, groups, teams or a template that name them",
      "input.sources",
    );
  return { sessions: ctx.selectSessions([...named], "input.sources"), entries: all };
}

export async function planPersonOnboarding(
  ctx: RequestContext,
  plans: PlanStore,
  templates: Templates,
  request: OnboardingRequest,
  options: { readonly createdBy: string; readonly path?: ResponsePath },
): Promise<PlanRecord> {
  const email = expectEmail(request.email, "input.email");
  const key = normalizeEmail(email);
  const firstName = expectText(request.firstName, "input.firstName", { required: false, max: 100 });
  const lastName = expectText(request.lastName, "input.lastName", { required: false, max: 100 });
  const { sessions, entries } = chooseSources(ctx, request, entriesOf(ctx, request, templates));

  const person = await findPerson(ctx, { email: key }, { path: options.path });
  const chosen = new Set(sessions.map((s) => s.sourceId));
  const accounts = (person?.accounts ?? []).filter((a) => chosen.has(a.sourceId));
  const unread = (person?.sourceErrors ?? []).filter((e) => chosen.has(e.sourceId));
  const unreadIds = new Set(unread.map((e) => e.sourceId));
  const states = await readAccountStates(ctx, accounts);
  const wishes: SourceWish[] = await Promise.all(
    sessions
      .filter((s) => !unreadIds.has(s.sourceId))
      .map(async (session) => {
        const mine = <T extends { source: string }>(list: readonly T[]) =>
          list.filter((e) => e.source === session.sourceId);
        const [grants, groups, teams] = [mine(entries.grants), mine(entries.groups), mine(entries.teams)];
        return {
          source: abilitiesOf(session.connector),
          accounts: states.filter((s) => s.user.sourceId === session.sourceId),
          grants,
          groups,
          teams,
          catalogue: await readCatalogue(session, {
            projects: grants.length > 0,
            groups: groups.length > 0,
            teams: teams.length > 0,
          }),
        };
      }),
  );
  const newPerson: NewPerson = { email, firstName: firstName ?? "", lastName: lastName ?? "" };
  const steps = planOnboarding({
    person: newPerson,
    wishes,
    unread: unread.map((error) => ({ sourceId: error.sourceId, error })),
  });
  const creates = steps.filter((s) => s.action === StepAction.CREATE_ACCOUNT && s.possible);
  if (creates.length > 0) {
    const where = `the plan creates accounts in ${[...new Set(creates.map((s) => s.sourceId))].join(", ")}`;
    if (firstName === undefined)
      throw new InputError(`\`input.firstName\` is required: ${where}`, "input.firstName");
    if (lastName === undefined)
      throw new InputError(`\`input.lastName\` is required: ${where}`, "input.lastName");
  }
  const stored: OnboardingRequest & EngineRequest = {
    email,
    firstName: firstName ?? null,
    lastName: lastName ?? null,
    template: request.template ?? null,
    grants: request.grants ?? null,
    groups: request.groups ?? null,
    teams: request.teams ?? null,
    sources: request.sources ?? null,
    personKey: key,
    newAccounts: creates.length > 0 ? { [key]: newPerson } : {},
  };
  return storePlan(plans, {
    kind: "ONBOARDING",
    createdBy: options.createdBy,
    about: `onboard ${email}${request.template ? ` (template ${request.template})` : ""}`,
    request: stored,
    steps,
  });
}
