/**
 * Resolves the file's names against the sources' lists: a source by its configured id, a project,
 * group or team by its name (case-insensitive), its vendor id or its global id, a role by the
 * source's own spelling. Every name that is not there is a problem naming its place in the file;
 * all are reported at once. A name whose source's list could not be read is left unchecked (the
 * planner plans nothing for it and says why), never taken for unknown.
 */
import { normalizeEmail } from "../../people/person.js";
import { fromGlobalId } from "../../schema/common/global-id.js";
import type { CatalogueNeeds } from "../read-catalogue.js";
import type { Catalogs } from "./catalog.js";
import type { DesiredPerson, DesiredStateFile } from "./desired-state.schema.js";
import { DesiredStateError, type Locate, placeOf } from "./parse-desired-state.js";
import type {
  ExclusiveTarget,
  Resolved,
  ResolvedDesiredState,
  ResolvedGrant,
  ResolvedMembership,
  ResolvedPerson,
} from "./resolved-state.js";

type Kind = "project" | "group" | "team";
const LIST_OF = { project: "projects", group: "groups", team: "teams" } as const;
const TYPE_OF = { project: "Project", group: "Group", team: "Team" } as const;

/** Which lists each selected source the file names must be read for (unknown ids are left to resolve). */
export function catalogNeeds(
  file: DesiredStateFile,
  selected: readonly string[],
): Map<string, CatalogueNeeds> {
  const needs = new Map<string, { projects: boolean; groups: boolean; teams: boolean }>();
  const need = (sourceId: string, list?: keyof CatalogueNeeds) => {
    if (!selected.includes(sourceId)) return;
    let entry = needs.get(sourceId);
    if (!entry) {
      entry = { projects: false, groups: false, teams: false };
      needs.set(sourceId, entry);
    }
    if (list) entry[list] = true;
  };
  for (const p of file.projects) need(p.source, "projects");
  for (const g of file.groups) need(g.source, "groups");
  for (const t of file.teams) need(t.source, "teams");
  for (const person of file.people) {
    for (const s of person.sources) need(s);
    for (const g of person.grants) need(g.source, "projects");
    for (const g of person.groups) need(g.source, "groups");
    for (const t of person.teams) need(t.source, "teams");
  }
  return needs;
}

const sample = (names: readonly string[]) =>
  names.length <= 12 ? names.join(", ") : `${names.slice(0, 12).join(", ")}, … (${names.length} in all)`;

/** First and last name from `name` (split at its last space) or the file's own; null when not given. */
function namesOf(person: DesiredPerson): { firstName: string | null; lastName: string | null } {
  if (person.name !== undefined) {
    const at = person.name.lastIndexOf(" ");
    return at <= 0
      ? { firstName: person.name, lastName: null }
      : { firstName: person.name.slice(0, at).trim(), lastName: person.name.slice(at + 1) };
  }
  return { firstName: person.firstName ?? null, lastName: person.lastName ?? null };
}

export function resolveDesiredState(options: {
  readonly file: DesiredStateFile;
  readonly lineOf: Locate;
  /** Every configured source id, in config order. */
  readonly configured: readonly string[];
  /** The sources to plan for (a subset of configured, in config order); the rest are skipped. */
  readonly selected: readonly string[];
  readonly catalogs: Catalogs;
}): ResolvedDesiredState {
  const { file, lineOf, configured, selected, catalogs } = options;
  const problems: string[] = [];
  const at = (path: PropertyKey[]) => placeOf(path, lineOf);
  const problem = (path: PropertyKey[], message: string) => problems.push(`${at(path)}: ${message}`);

  /** True when the source is configured and selected; a problem when it is not configured. */
  function usable(sourceId: string, path: PropertyKey[]): boolean {
    if (!configured.includes(sourceId)) {
      problem(path, `unknown source "${sourceId}" (configured: ${configured.join(", ")})`);
      return false;
    }
    return selected.includes(sourceId);
  }

  function find(kind: Kind, sourceId: string, written: string, path: PropertyKey[]): Resolved | null {
    const catalog = catalogs.get(sourceId);
    // Read because the file names it: null is a source without such a list.
    const list: ReadonlyArray<{ remoteId: string; name: string }> | Error | null | undefined =
      catalog?.[LIST_OF[kind]];
    if (list === undefined) throw new Error(`source "${sourceId}" was not read`);
    if (list === null) {
      problem(path, `source "${sourceId}" has no ${LIST_OF[kind]}`);
      return null;
    }
    if (list instanceof Error) return { sourceId, written, error: list };
    const global = fromGlobalId(written);
    if (global && global.type === TYPE_OF[kind]) {
      if (global.sourceId !== sourceId) {
        problem(path, `"${written}" is an id of source "${global.sourceId}", not of "${sourceId}"`);
        return null;
      }
      const byId = list.find((item) => item.remoteId === global.remoteId);
      if (byId) return { sourceId, id: byId.remoteId, name: byId.name };
      problem(path, `source "${sourceId}" has no ${kind} with id "${global.remoteId}"`);
      return null;
    }
    const wanted = written.toLowerCase();
    const named = list.filter((item) => item.name.trim().toLowerCase() === wanted);
    if (named.length > 1) {
      const ids = named.map((item) => `"${item.remoteId}"`).join(", ");
      problem(
        path,
        `${named.length} ${LIST_OF[kind]} of source "${sourceId}" are named "${written}" (ids ${ids}): write the id`,
      );
      return null;
    }
    const found = named[0] ?? list.find((item) => item.remoteId === written);
    if (found) return { sourceId, id: found.remoteId, name: found.name };
    const names = list.map((item) => item.name);
    problem(
      path,
      `"${written}" is not a ${kind} of source "${sourceId}" (${names.length > 0 ? `its ${LIST_OF[kind]}: ${sample(names)}` : `it has no ${LIST_OF[kind]}`})`,
    );
    return null;
  }

  function role(
    sourceId: string,
    written: string,
    path: PropertyKey[],
  ): { role: string; unchecked: Error | null } | null {
    const roles = catalogs.get(sourceId)?.roles;
    if (roles === undefined) throw new Error(`source "${sourceId}" was not read`);
    // A source that assigns no roles can still be compared with: the planner marks changes impossible.
    if (roles === null) return { role: written, unchecked: null };
    if (roles instanceof Error) return { role: written, unchecked: roles };
    const spelt = roles.names.find((name) => name.toLowerCase() === written.toLowerCase());
    if (spelt !== undefined) return { role: spelt, unchecked: null };
    problem(
      path,
      `"${written}" is not a project role of source "${sourceId}" (its roles: ${sample(roles.names)})`,
    );
    return null;
  }

  /** Entries of one list that name the same object twice are a problem at the second. */
  function once<T extends { target: Resolved }>(entries: Array<T & { path: PropertyKey[] }>): T[] {
    const seen = new Map<string, PropertyKey[]>();
    return entries.filter((entry) => {
      if ("error" in entry.target) return true;
      const key = `${entry.target.sourceId}\u0000${entry.target.id}`;
      const first = seen.get(key);
      if (first === undefined) {
        seen.set(key, entry.path);
        return true;
      }
      problem(entry.path, `names ${entry.target.name} (${entry.target.sourceId}) again: see ${at(first)}`);
      return false;
    });
  }

  function exclusive(kind: Kind): ExclusiveTarget[] {
    const list: ReadonlyArray<{ source: string; exclusive: boolean } & Partial<Record<Kind, string>>> =
      file[LIST_OF[kind]];
    const entries = list.flatMap((entry, i) => {
      const path: PropertyKey[] = [LIST_OF[kind], i];
      if (!usable(entry.source, [...path, "source"])) return [];
      const target = find(kind, entry.source, entry[kind] as string, [...path, kind]);
      return target && entry.exclusive ? [{ target, place: at(path), path }] : [];
    });
    return once(entries).map(({ target, place }) => ({ target, place }));
  }

  function person(entry: DesiredPerson, index: number): ResolvedPerson {
    const base: PropertyKey[] = ["people", index];
    const named = new Set<string>();
    let namesAny = false;
    const note = (sourceId: string, path: PropertyKey[]) => {
      namesAny = true;
      if (!usable(sourceId, path)) return false;
      named.add(sourceId);
      return true;
    };
    entry.sources.forEach((s, i) => {
      note(s, [...base, "sources", i]);
    });
    const grantEntries = entry.grants.flatMap((g, i) => {
      const path: PropertyKey[] = [...base, "grants", i];
      if (!note(g.source, [...path, "source"])) return [];
      const target = find("project", g.source, g.project, [...path, "project"]);
      const checked = role(g.source, g.role, [...path, "role"]);
      if (!target || !checked) return [];
      return [{ target, role: checked.role, roleUnchecked: checked.unchecked, place: at(path), path }];
    });
    const memberships = (
      kind: "group" | "team",
      list: ReadonlyArray<{ source: string } & Partial<Record<Kind, string>>>,
    ) =>
      once(
        list.flatMap((m, i) => {
          const path: PropertyKey[] = [...base, LIST_OF[kind], i];
          if (!note(m.source, [...path, "source"])) return [];
          const target = find(kind, m.source, m[kind] as string, [...path, kind]);
          return target ? [{ target, place: at(path), path }] : [];
        }),
      ).map(({ target, place }): ResolvedMembership => ({ target, place }));
    const grants = once(grantEntries).map(
      ({ target, role: r, roleUnchecked, place }): ResolvedGrant => ({
        project: target,
        role: r,
        roleUnchecked,
        place,
      }),
    );
    const groups = memberships("group", entry.groups);
    const teams = memberships("team", entry.teams);
    const accountSources = selected.filter((s) => named.has(s));
    return {
      email: entry.email.trim(),
      key: normalizeEmail(entry.email),
      place: at(base),
      ...namesOf(entry),
      active: entry.active,
      accountSources,
      // An entry naming sources speaks for those only, also where they are not selected now.
      activeSources: namesAny ? accountSources : selected,
      grants,
      groups,
      teams,
    };
  }

  const resolved: ResolvedDesiredState = {
    sources: selected,
    exclusive: { projects: exclusive("project"), groups: exclusive("group"), teams: exclusive("team") },
    people: file.people.map(person),
  };
  if (problems.length > 0) throw new DesiredStateError(problems);
  return resolved;
}
