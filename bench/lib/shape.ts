import type { SourceShape } from "../../src/vendors/costs.js";

/** Sends one GraphQL operation (to the gateway process, or a test's in-process gateway). */
export type Query = <T>(query: string) => Promise<{ data?: T; errors?: unknown[] }>;

/** Projects read with their members (within the gateway's default operation budget); more is refused. */
const PROJECTS = 200;

/**
 * What a source holds, read through the gateway before a measured run: what its floor
 * (`VendorModule.floor`) is computed from. `listed` is how many users the measured operation
 * lists (default: all of them).
 */
export async function shapeOf(query: Query, source: string, listed?: number): Promise<SourceShape> {
  const { data, errors } = await query<{
    users: { totalCount: number | null; edges: unknown[] };
    teams: { totalCount: number | null };
    groups: { totalCount: number | null };
    projects: { totalCount: number | null; nodes: Array<{ permissions: unknown[] | null }> };
  }>(`{
    users(sources: ["${source}"], first: ${listed ?? 50_000}) { totalCount edges { cursor } }
    teams(sources: ["${source}"], first: 0, filter: { includeArchived: true }) { totalCount }
    groups(sources: ["${source}"], first: 0, filter: { includeArchived: true }) { totalCount }
    projects(sources: ["${source}"], first: ${PROJECTS}) { totalCount nodes { permissions { role } } }
  }`);
  if (!data || errors) throw new Error(`could not read the shape of ${source}: ${JSON.stringify(errors)}`);
  if ((data.projects.totalCount ?? 0) > PROJECTS)
    throw new Error(`${source} holds more than ${PROJECTS} projects: its shape would be read in part`);
  return {
    users:
      listed === undefined ? (data.users.totalCount ?? data.users.edges.length) : data.users.edges.length,
    teams: data.teams.totalCount ?? 0,
    groups: data.groups.totalCount ?? 0,
    projects: data.projects.totalCount ?? data.projects.nodes.length,
    membersPerProject: data.projects.nodes.map((p) => p.permissions?.length ?? 0),
  };
}
