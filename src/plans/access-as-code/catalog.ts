/**
 * What planning knows of one source before it looks at anyone: its live lists (projects, project
 * roles, groups, teams: read-catalogue.ts, only those the file needs) to resolve the file's names,
 * and what it can do to a step (to mark steps impossible with the vendor's reason). Plain data, so
 * the resolver and the planner are pure.
 */
import type { SourceCatalogue } from "../onboarding.js";
import type { SourceAbilities } from "../source-abilities.js";

export interface SourceCatalog extends SourceCatalogue {
  readonly id: string;
  readonly abilities: SourceAbilities;
}

export type Catalogs = ReadonlyMap<string, SourceCatalog>;
