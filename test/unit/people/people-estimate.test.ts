/** What the estimate charges for people: the whole lists, the page's accounts, never a call per person. */
import { Kind, type OperationDefinitionNode, parse } from "graphql";
import { beforeAll, describe, expect, it } from "vitest";
import { rollcallSchema } from "../../../src/schema/build-schema.js";
import {
  type Estimate,
  fragmentsOf,
  OperationEstimator,
} from "../../../src/server/limits/operation-estimate.js";
import { NO_CALLS, type SourceCosts, some } from "../../../src/vendors/costs.js";

/** A made-up source: users in pages of 100 (a search: one call), a project list, one call per user's roles. */
const costs: SourceCosts = {
  list: {
    users: (positions, filter) => ({ calls: filter.email ? 1 : Math.ceil(positions / 100) }),
    projects: () => ({ shared: { projects: 1 } }),
  },
  byIds: { users: (keys, s) => ({ shared: { user: some(keys, s.users) } }) },
  relations: {
    "User.teams": () => NO_CALLS,
    "User.groups": () => NO_CALLS,
    "User.projects": (keys, s) => ({ shared: { projects: 1, roles: some(keys, s.users) } }),
    "User.permissions": (keys, s) => ({ shared: { projects: 1, roles: some(keys, s.users) } }),
    "Team.members": (keys) => ({ calls: keys }),
    "Group.members": () => NO_CALLS,
    "Project.members": () => NO_CALLS,
    "Project.permissions": (keys) => ({ calls: keys }),
    "Permission.user": (keys, s) => ({ shared: { user: some(keys, s.users) } }),
    "Permission.project": () => NO_CALLS,
    "Permission.via": () => NO_CALLS,
  },
  status: { calls: 1 },
};

let estimator: OperationEstimator;
beforeAll(async () => {
  estimator = new OperationEstimator(await rollcallSchema(), {
    sources: [
      { id: "a", costs },
      { id: "b", costs },
    ],
    maxPageSize: 1000,
    countScanLimit: 0,
    maxListItems: 100,
    sourceSize: { users: 300, teams: 10, groups: 10, projects: 20 },
  });
});

function estimate(query: string): Estimate {
  const document = parse(query);
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  ) as OperationDefinitionNode;
  return estimator.estimate(operation, fragmentsOf(document), {}) as Estimate;
}

describe("the estimate of people", () => {
  it("reads every source's whole list and the page's accounts' permissions in one batch per source", () => {
    const result = estimate(
      `{ people(first: 100) { totalCount nodes { accounts { id } access { level } } } }`,
    );
    // 3 pages of 300 users + the project list + roles of 100 accounts, per source.
    expect(result.bySource).toEqual({ a: 3 + 1 + 100, b: 3 + 1 + 100 });
    // 1 connection, 100 persons, 200 accounts (one per source each), 21 permissions per account.
    expect(result.objects).toBe(1 + 100 + 200 + 200 * 21);
  });

  it("charges highestLevel as the permissions it reads, and a level filter every account's", () => {
    expect(estimate(`{ people(first: 10) { nodes { highestLevel } } }`).bySource.a).toBe(3 + 1 + 10);
    expect(
      estimate(`{ people(first: 10, filter: { highestLevel: EDIT }) { nodes { id } } }`).bySource.a,
    ).toBe(3 + 1 + 300);
    expect(
      estimate(`{ people(first: 10, filter: { hasAccessToProject: "b:Project:4" }) { nodes { id } } }`)
        .bySource,
    ).toEqual({ a: 3, b: 3 + 1 });
  });

  it("charges a person what an email lookup costs, plus a linked account read by id per source", () => {
    const byEmail = estimate(`{ usersByEmail(email: "d@example.com") { id permissions { level } } }`);
    const person = estimate(`{ person(email: "d@example.com") { accounts { id } access { level } } }`);
    // One more call for a linked account, and one for that account's roles.
    expect(person.bySource).toEqual({ a: (byEmail.bySource.a ?? 0) + 2, b: (byEmail.bySource.b ?? 0) + 2 });
    const byId = estimate(
      `{ node(id: "Person:d%40example.com") { ... on Person { accounts { id } access { level } } } }`,
    );
    expect(byId.bySource).toEqual(person.bySource);
    const lone = estimate(`{ person(id: "Person:account%3Ab%3AUser%3A9") { accounts { id } } }`);
    expect(lone.bySource).toEqual({ b: 1 });
  });

  it("counts what a deep or wide people query would put in the answer", () => {
    const wide = estimate(
      `{ people(first: 1000) { nodes { accounts { projects(first: 1000) { nodes { members(first: 1000) { nodes { id } } } } } } } }`,
    );
    expect(wide.objects).toBeGreaterThan(500_000);
  });
});
