/**
 * A source's live lists an onboarding resolves names against — its projects, project roles,
 * groups and teams — each read only when something asks for it. A list the source does not have at
 * all is null; one that could not be read is the Error (never an empty list).
 */
import type { SourceSession } from "../loaders/source-session.js";
import type { NameFilter } from "../model/filters.js";
import type { EntityReader } from "../vendors/connector.js";
import type { SourceCatalogue } from "./onboarding.js";

/** Positions asked per call: vendors cap their pages lower, and answer what they can. */
const PAGE = 500;

async function listAll<T>(reader: EntityReader<T, NameFilter> | undefined, session: SourceSession) {
  if (!reader) return null;
  const items: T[] = [];
  try {
    for (;;) {
      const page = await reader.list({ filter: {}, offset: items.length, limit: PAGE }, session);
      items.push(...page.items);
      if (!page.hasMore || page.items.length === 0) return items;
    }
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

export interface CatalogueNeeds {
  /** Projects and their roles (for grants). */
  readonly projects: boolean;
  readonly groups: boolean;
  readonly teams: boolean;
}

export async function readCatalogue(session: SourceSession, needs: CatalogueNeeds): Promise<SourceCatalogue> {
  const { connector } = session;
  const access = connector.writes?.access;
  const [projects, roles, groups, teams] = await Promise.all([
    needs.projects ? listAll(connector.projects, session) : null,
    needs.projects && access
      ? access
          .projectRoles(session)
          .catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))))
      : null,
    needs.groups ? listAll(connector.groups, session) : null,
    needs.teams ? listAll(connector.teams, session) : null,
  ]);
  return { projects, roles, groups, teams };
}
