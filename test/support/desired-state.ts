/**
 * A desired-state file written against the simulators' live data, for access-as-code specs: the
 * first source (by capability, never by name) that assigns roles, invites and names each holder's
 * role on a project, and one of its projects with at least four holders, all direct. The file marks
 * that project exclusive and lists four people on it: the first holder with the role they hold
 * (nothing to do), the second with another role (a change), an account holder without access
 * (an assignment) and a newcomer with no account (created first); the other holders are unlisted.
 */
import { stringify } from "yaml";
import type { GatewayHarness } from "./gateway-harness.js";

export interface Holding {
  readonly role: string | null;
  readonly level: string;
  readonly via: unknown;
  readonly user: { readonly email: string | null };
}

export interface ProjectHoldings {
  readonly id: string;
  readonly name: string;
  readonly permissions: readonly Holding[];
}

export interface ExclusiveProjectFile {
  readonly sourceId: string;
  readonly project: ProjectHoldings;
  /** The file's people on the project (lower-case emails), with the role it gives each, in file order. */
  readonly listed: ReadonlyMap<string, string>;
  /** The holders the file does not list (lower-case emails), sorted. */
  readonly unlisted: readonly string[];
  /** Its YAML. */
  readonly text: string;
}

export const NEWCOMER = "access.code.newcomer@example.com";

const PERMISSIONS = "permissions { role level via { type: __typename } user { email } }";

/** The project's holders now (above NONE): lower-case email → role. */
export async function holdersOf(gw: GatewayHarness, projectId: string): Promise<Map<string, string | null>> {
  const { data, errors } = await gw.gql<{ node: ProjectHoldings }>(
    `query($id: ID!) { node(id: $id) { ... on Project { id name ${PERMISSIONS} } } }`,
    { id: projectId },
  );
  if (errors) throw new Error(JSON.stringify(errors));
  return new Map(
    (data?.node.permissions ?? [])
      .filter((p) => p.level !== "NONE")
      .map((p) => [(p.user.email ?? "").toLowerCase(), p.role]),
  );
}

export async function exclusiveProjectFile(gw: GatewayHarness): Promise<ExclusiveProjectFile> {
  const { data } = await gw.gql<{ sources: Array<{ id: string; capabilities: string[] }> }>(
    "{ sources { id capabilities } }",
  );
  const candidates = (data?.sources ?? []).filter((s) =>
    ["ASSIGN_PROJECTS", "INVITE_USERS", "PERMISSIONS"].every((c) => s.capabilities.includes(c)),
  );
  for (const { id: sourceId } of candidates) {
    const { data: projects } = await gw.gql<{ projects: { nodes: ProjectHoldings[] } }>(
      `query($s: [ID!]) { projects(sources: $s, first: 50) { nodes { id name ${PERMISSIONS} } } }`,
      { s: [sourceId] },
    );
    const project = (projects?.projects.nodes ?? []).find((p) => {
      const held = p.permissions.filter((h) => h.level !== "NONE");
      return held.length >= 4 && held.every((h) => h.role !== null && h.via === null && h.user.email);
    });
    if (project) return fileFor(gw, sourceId, project);
  }
  throw new Error("no source names the roles its project holders hold");
}

async function fileFor(
  gw: GatewayHarness,
  sourceId: string,
  project: ProjectHoldings,
): Promise<ExclusiveProjectFile> {
  const held = project.permissions.filter((h) => h.level !== "NONE");
  const roles = [...new Set(held.map((h) => h.role as string))];
  const [keep, change] = held as [Holding, Holding];
  const otherRole = roles.find((r) => r !== change.role) ?? (keep.role as string);
  const { data } = await gw.gql<{ users: { nodes: Array<{ email: string | null; active: boolean }> } }>(
    `query($s: [ID!]) { users(sources: $s, first: 100) { nodes { email active } } }`,
    { s: [sourceId] },
  );
  const holders = new Set(held.map((h) => (h.user.email as string).toLowerCase()));
  const outsider = data?.users.nodes.find(
    (u) => u.active && u.email && !holders.has(u.email.toLowerCase()),
  )?.email;
  if (!outsider)
    throw new Error(`source "${sourceId}" has no active account without access to ${project.name}`);
  const listed = new Map([
    [(keep.user.email as string).toLowerCase(), keep.role as string],
    [(change.user.email as string).toLowerCase(), otherRole],
    [outsider.toLowerCase(), keep.role as string],
    [NEWCOMER, keep.role as string],
  ]);
  const text = stringify({
    projects: [{ source: sourceId, project: project.name, exclusive: true }],
    people: [...listed].map(([email, role]) => ({
      email,
      ...(email === NEWCOMER ? { name: "Newcomer Tester" } : {}),
      grants: [{ source: sourceId, project: project.name, role }],
    })),
  });
  return { sourceId, project, listed, unlisted: [...holders].filter((e) => !listed.has(e)).sort(), text };
}
