import {
  type GraphQLNamedType,
  getNamedType,
  getNullableType,
  isListType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  parse,
} from "graphql";
import { beforeAll, describe, expect, it } from "vitest";
import { rollcallSchema } from "../../src/schema/build-schema.js";
import {
  type Estimate,
  fragmentsOf,
  OperationEstimator,
  SIZED_LISTS,
} from "../../src/server/limits/operation-estimate.js";
import { NO_CALLS, type SourceCosts, some } from "../../src/vendors/costs.js";

/** A made-up source: a users page per 100, a shared project list, one call per user's roles. */
const costs: SourceCosts = {
  list: {
    users: (positions) => ({ calls: Math.ceil(positions / 100) }),
    teams: () => ({ shared: { teams: 1 } }),
    projects: () => ({ shared: { projects: 1 } }),
  },
  byIds: { users: (keys, s) => ({ shared: { user: some(keys, s.users) } }) },
  relations: {
    "User.teams": () => ({ shared: { teams: 1 } }),
    "User.groups": () => NO_CALLS,
    "User.projects": (keys, s) => ({ shared: { projects: 1, roles: some(keys, s.users) } }),
    "User.permissions": (keys, s) => ({ shared: { projects: 1, roles: some(keys, s.users) } }),
    "Team.members": (keys) => ({ calls: keys }),
    "Group.members": () => NO_CALLS,
    "Project.members": () => NO_CALLS,
    "Project.permissions": () => NO_CALLS,
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
    templates: 3,
  });
});

function estimate(query: string, variables: Record<string, unknown> = {}) {
  const document = parse(query);
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  ) as OperationDefinitionNode;
  const fragments = fragmentsOf(document);
  return { operation, fragments, result: estimator.estimate(operation, fragments, variables) as Estimate };
}

describe("an operation's estimate", () => {
  it("asks every source for a top-level page, and counts the page's objects once", () => {
    const { result } = estimate(`{ users(first: 250) { nodes { id } } }`);
    // 3 pages from each source; one connection and 250 users (a page spans the sources).
    expect(result).toEqual({ upstreamCalls: 6, objects: 251, bySource: { a: 3, b: 3 } });
  });

  it("multiplies by aliases and nesting, and reads shared lists once", () => {
    const one = estimate(`{ users(first: 10) { nodes { teams { nodes { id } } } } }`).result;
    const two = estimate(
      `{ x: users(first: 10) { nodes { teams { nodes { id } } } } y: users(first: 10) { nodes { teams { nodes { id } } } } }`,
    ).result;
    // users page + the team list, per source; 1 + 10 users + 10 connections + 10 × 50 teams.
    expect(one).toEqual({ upstreamCalls: 4, objects: 521, bySource: { a: 2, b: 2 } });
    expect(two.objects).toBe(2 * one.objects);
    expect(two.upstreamCalls).toBe(6); // two pages each, the team list still once
  });

  it("bounds the distinct keys a relation reads by what a source holds", () => {
    // 1000 users' teams: 50 each, but a source has 10 teams, so members are read for 10 at most.
    const { result } = estimate(
      `{ users(first: 1000) { nodes { teams { nodes { members(first: 1) { nodes { id } } } } } } }`,
    );
    expect(result.bySource).toEqual({ a: 10 + 1 + 10, b: 10 + 1 + 10 });
  });

  it("counts a pool of once-per-key reads up to its size, however many fields need it", () => {
    const { result } = estimate(
      `{ x: users(first: 200) { nodes { permissions { role } } } y: users(first: 200, after: "YTox") { nodes { projects { nodes { id } } } } }`,
    );
    // pages 2 + 2 (+1 resuming mid-page) + the project list + roles of 200 + 200 users, of 300 at most.
    expect(result.bySource.a).toBe(2 + 3 + 1 + 300);
  });

  it("follows fragments and the possible types of an abstract field", () => {
    const spread = estimate(
      `query { nodes(ids: ["a:User:1", "a:User:2", "b:Team:3"]) { ...U ... on Team { members { nodes { id } } } } }
       fragment U on User { teams { nodes { id } } }`,
    ).result;
    // a: 2 users by id + the team list; b: one team's members.
    expect(spread.bySource).toEqual({ a: 3, b: 1 });
  });

  it("reads the audit trail from the store: a page of `first` events, no upstream call", () => {
    const { result } = estimate(`{ auditEvents(first: 300) { nodes { id } } }`);
    expect(result).toEqual({ upstreamCalls: 0, objects: 301, bySource: {} });
  });

  it("reads the onboarding templates from config: one object each, no upstream call", () => {
    const { result } = estimate(`{ templates { name sources } }`);
    expect(result).toEqual({ upstreamCalls: 0, objects: 3, bySource: {} });
  });

  it("reads access changes and findings from the store: a page of `first`, no upstream call", () => {
    for (const query of [
      `{ accessChanges(from: "snap_1", to: "snap_2", first: 300) { nodes { kind } } }`,
      `{ findings(kind: UNOWNED_ACCOUNT, first: 300) { nodes { reason } } }`,
    ])
      expect(estimate(query).result, query).toEqual({ upstreamCalls: 0, objects: 301, bySource: {} });
    expect(estimate(`{ findingCounts { kind count } }`).result).toEqual({
      upstreamCalls: 0,
      objects: 6,
      bySource: {},
    });
  });

  it("is worked out once for an operation without variables", () => {
    const { operation, fragments, result } = estimate(`{ users { nodes { id } } }`);
    expect(estimator.estimate(operation, fragments, {})).toBe(result);
  });

  it("sizes every list of the schema that a query can reach", async () => {
    const schema = await rollcallSchema();
    const unsized: string[] = [];
    const seen = new Set<GraphQLNamedType>();
    const visit = (type: GraphQLNamedType) => {
      if (seen.has(type) || !isObjectType(type)) return;
      seen.add(type);
      const connection = "edges" in type.getFields() && "pageInfo" in type.getFields();
      for (const field of Object.values(type.getFields())) {
        const named = getNamedType(field.type);
        if (isObjectType(named) || named.name === "Node") {
          const list = isListType(getNullableType(field.type));
          if (list && !connection && !SIZED_LISTS.has(`${type.name}.${field.name}`))
            unsized.push(`${type.name}.${field.name}`);
        }
        visit(named);
        if (named.name === "Node") for (const t of schema.getPossibleTypes(named as never)) visit(t);
      }
    };
    visit(schema.getQueryType() as GraphQLNamedType);
    expect(unsized).toEqual([]);
  });
});
