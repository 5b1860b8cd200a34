import type { Gateway } from "./stack.js";

/** What a source holds, read through the gateway before a measured run (to compute floors). */
export interface SourceShape {
  readonly users: number;
  readonly projects: number;
  readonly groups: number;
  /** Users holding a role, per project (TestRail pages its project user lists). */
  readonly membersPerProject: readonly number[];
}

export async function shapeOf(gateway: Gateway, source: string): Promise<SourceShape> {
  const { data } = await gateway.query<{
    users: { totalCount: number; edges: unknown[] };
    groups: { totalCount: number };
    projects: { totalCount: number; nodes: Array<{ permissions: unknown[] | null }> };
  }>(`{
    users(sources: ["${source}"], first: 50000) { totalCount edges { cursor } }
    groups(sources: ["${source}"], first: 0, filter: { includeArchived: true }) { totalCount }
    projects(sources: ["${source}"], first: 50000) { totalCount nodes { permissions { role } } }
  }`);
  if (!data) throw new Error(`could not read the shape of ${source}`);
  return {
    users: data.users.totalCount ?? data.users.edges.length,
    projects: data.projects.totalCount ?? data.projects.nodes.length,
    groups: data.groups.totalCount ?? 0,
    membersPerProject: data.projects.nodes.map((p) => p.permissions?.length ?? 0),
  };
}
