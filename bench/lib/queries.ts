/** The operations the benchmarks send (the same a directory console and a security lookup send). */
import { vendors } from "../../src/vendors/registry.js";

const USER_RELATIONS = `id displayName email active
  teams { nodes { name } }
  groups { nodes { name } }
  projects { nodes { name } }
  permissions { role level project { name } }`;

/** Every user of every source with teams, groups, projects and permissions: one operation. */
export const DIRECTORY = `{ users(first: 50000) { totalCount edges { node { ${USER_RELATIONS} } } } }`;

/** The directory of every account, archived ones too: the accounts people are joined from. */
export const ALL_ACCOUNTS = `{ users(first: 50000, filter: { includeArchived: true }) { totalCount edges { node { ${USER_RELATIONS} } } } }`;

/** A page of people, each with their accounts (the directory's relations) and their access. */
export const PEOPLE_PAGE = `{ people(first: 100) { totalCount pageInfo { hasNextPage } nodes {
  id displayName state highestLevel activeIn { id }
  accounts { ${USER_RELATIONS} source { id } }
  access { role level project { name } } } } }`;

const LOOKUP_EMAIL = "ada.lovelace@example.com";

/** "Does this person have access anywhere?" across every source. */
export const LOOKUP = `{ usersByEmail(email: "${LOOKUP_EMAIL}") { id active source { id } permissions { role level project { name } } } }`;

/** The same question asked of the person: their accounts and access, as LOOKUP reads them. */
export const PERSON = `{ person(email: "${LOOKUP_EMAIL}") { id displayName accounts { id active source { id } } access { role level project { name } } } }`;

/** A source id as a GraphQL alias (aliases can't hold dashes). */
export const aliasOf = (source: string): string => source.replace(/-/g, "_");

/** How many users per source the mid-sized query reads. */
export const MID_SIZED_USERS = 20;

/** The mid-sized query for throughput: 20 users of each source with their permissions. */
export function midSized(sources: readonly string[]): string {
  return `{
${sources
  .map(
    (s) =>
      `  ${aliasOf(s)}: users(sources: ["${s}"], first: ${MID_SIZED_USERS}) { nodes { id displayName email active permissions { role level project { name } } } }`,
  )
  .join("\n")}
}`;
}

/** The mid-sized query over every registered vendor (the benchmarks name each source by its kind). */
export const MID_SIZED = midSized(vendors.map((v) => v.kind));
