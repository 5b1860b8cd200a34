/**
 * What planning a desired-state file will read, from its text alone (for the operation estimate,
 * before anything runs): whose accounts are looked up, which sources' lists are read, and how many
 * exclusive projects, groups and teams have their holders read in each source. Null when the file
 * does not parse: planning it reads nothing (it is refused first).
 */
import { normalizeEmail } from "../../people/person.js";
import { parseDesiredState } from "./parse-desired-state.js";
import { catalogNeeds } from "./resolve-desired-state.js";

export interface DesiredStateReads {
  /** The listed people's person keys (normalized emails). */
  readonly people: readonly string[];
  /** Per source the file names: the lists read there (projects with their roles, groups, teams). */
  readonly lists: ReadonlyMap<
    string,
    { readonly projects: boolean; readonly groups: boolean; readonly teams: boolean }
  >;
  /** Per source, how many of its projects, groups and teams are exclusive (their holders are read). */
  readonly exclusive: ReadonlyMap<string, { projects: number; groups: number; teams: number }>;
}

export function desiredStateReads(text: string, sources: readonly string[]): DesiredStateReads | null {
  let file: ReturnType<typeof parseDesiredState>["file"];
  try {
    file = parseDesiredState(text).file;
  } catch {
    return null;
  }
  const exclusive = new Map<string, { projects: number; groups: number; teams: number }>();
  const mark = (source: string, kind: "projects" | "groups" | "teams") => {
    if (!sources.includes(source)) return;
    const counts = exclusive.get(source) ?? { projects: 0, groups: 0, teams: 0 };
    counts[kind] += 1;
    exclusive.set(source, counts);
  };
  for (const p of file.projects) if (p.exclusive) mark(p.source, "projects");
  for (const g of file.groups) if (g.exclusive) mark(g.source, "groups");
  for (const t of file.teams) if (t.exclusive) mark(t.source, "teams");
  return {
    people: file.people.map((p) => normalizeEmail(p.email)),
    lists: catalogNeeds(file, sources),
    exclusive,
  };
}
