/** The operations the benchmarks send (the same a directory console and a security lookup send). */

const USER_RELATIONS = `id displayName email active
  teams { nodes { name } }
  groups { nodes { name } }
  projects { nodes { name } }
  permissions { role level project { name } }`;

/** Every user of every source with teams, groups, projects and permissions: one operation. */
export const DIRECTORY = `{ users(first: 50000) { totalCount edges { node { ${USER_RELATIONS} } } } }`;

/** "Does this person have access anywhere?" across every source. */
export const LOOKUP = `{ usersByEmail(email: "ada.lovelace@example.com") { id active source { id } permissions { role level project { name } } } }`;

const MID_SOURCES = ["squash-tm", "testrail", "qtest", "qacomplete", "testresults"];

/** The mid-sized query for throughput: 20 users per source with their permissions. */
export const MID_SIZED = `{
${MID_SOURCES.map(
  (s) =>
    `  ${s.replace(/-/g, "_")}: users(sources: ["${s}"], first: 20) { nodes { id displayName email active permissions { role level project { name } } } }`,
).join("\n")}
}`;
