import type { SourceShape } from "../../src/vendors/costs.js";

/** Sends one GraphQL operation (to the gateway process, or a test's in-process gateway). */
export type Query = <T>(query: string) => Promise<{ data?: T; errors?: unknown[] }>;

/**
 * What a source holds, read through the gateway before a measured run: what its floor
 * (`VendorModule.floor`) is computed from. `listed` is how many users the measured operation
 * lists (default: all of them).
 */
export async function shapeOf(query: Query, source: string, listed?: number): Promise<SourceShape> {
  const { data } = await query<{
    users: { totalCount: number | null; edges: unknown[] };
    teams: { totalCount: number | null };
    groups: { totalCount: number | null };
    projects: { totalCount: number | null; nodes: Array<{ permissions: unknown[] | null }> };
  }>(`{
    users(sources: ["${source}"], first: 50000) { totalCount edges { cursor } }
    teams(sources: ["${source}"], first: 0, filter: { includeArchived: true }) { totalCount }
    groups(sources: ["${source}"], first: 0, filter: { includeArchived: true }) { totalCount }
    projects(sources: ["${source}"], first: 50000) { totalCount nodes { permissions { role } } }
  }`);
  if (!data) throw new Error(`could not read the shape of ${source}`);
  const users = data.users.totalCount ?? data.users.edges.length;
  return {
    users: listed === undefined ? users : Math.min(listed, users),
    teams: data.teams.totalCount ?? 0,
    groups: data.groups.totalCount ?? 0,
    projects: data.projects.totalCount ?? data.projects.nodes.length,
    membersPerProject: data.projects.nodes.map((p) => p.permissions?.length ?? 0),
  };
}
