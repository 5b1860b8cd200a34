/**
 * What planning knows of one source before it looks at anyone: its projects, project roles, groups
 * and teams (to resolve the file's names), and the actions it cannot take (to mark steps
 * impossible with its own reason). Plain data, read by read-access-state.ts, so the resolver and
 * the planner are pure.
 */
import type { GroupRecord, ProjectRecord, TeamRecord } from "../../model/records.js";
import type { SourceAbilities } from "../source-abilities.js";

/** The role names a source's grants accept (AccessWriter.projectRoles). */
export interface ProjectRoles {
  readonly names: readonly string[];
}

/**
 * A list as planning holds it: the records; an Error when reading it failed (never taken for an
 * empty list); null when the source has no such thing at all; undefined when nothing asked for it.
 */
export type Listed<T> = readonly T[] | Error | null | undefined;

export interface SourceCatalog {
  readonly id: string;
  readonly projects?: Listed<ProjectRecord>;
  /** Error: the role list could not be read; null: the source assigns no project roles. */
  readonly roles?: ProjectRoles | Error | null;
  readonly groups?: Listed<GroupRecord>;
  readonly teams?: Listed<TeamRecord>;
  /** What the source can do to a step, and why not where it can't. */
  readonly abilities: SourceAbilities;
}

export type Catalogs = ReadonlyMap<string, SourceCatalog>;
