import { readdirSync, readFileSync } from "node:fs";
import { getVariableValues, Kind, type OperationDefinitionNode, parse } from "graphql";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Capability } from "../../src/model/capabilities.js";
import { rollcallSchema } from "../../src/schema/build-schema.js";
import { type Estimate, fragmentsOf } from "../../src/server/limits/operation-estimate.js";
import { vendors } from "../../src/vendors/registry.js";
import { type GatewayHarness, type GraphQLResponse, startGateway } from "../support/gateway-harness.js";
import { capabilitiesOfVendor } from "../support/pick-vendor.js";

/** Ids of every type each registered vendor has (the objects need not exist). */
const idsOfEveryType = vendors.flatMap((vendor, i) => {
  const has = capabilitiesOfVendor(vendor);
  return [
    `${vendor.kind}:User:${i + 1}`,
    ...(has.has(Capability.PROJECTS) ? [`${vendor.kind}:Project:1`] : []),
    ...(has.has(Capability.TEAMS) ? [`${vendor.kind}:Team:1`] : []),
    ...(has.has(Capability.GROUPS) ? [`${vendor.kind}:Group:1`] : []),
  ];
});
const SOURCE = vendors[0]!.kind;

const aliases = (count: number, field: string) =>
  `{ ${Array.from({ length: count }, (_, i) => `a${i}: ${field}`).join(" ")} }`;

/** The query: users → teams → members → teams…, `levels` relations deep. */
function nested(levels: number): string {
  let selection = "id";
  for (let level = levels; level > 0; level--)
    selection = `${level % 2 ? "teams" : "members"} { nodes { ${selection} } }`;
  return `{ users { nodes { ${selection} } } }`;
}

/** The four levels of groups and members, sent without a key. */
const GROUPS_FOUR_LEVELS = `{ groups { nodes { members { nodes { groups { nodes { members { nodes { id displayName } } } } } } } } }`;

const FULL_DIRECTORY_PAGE = `{
  users(first: 1000) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node {
      id displayName email active source { id kind }
      teams { nodes { id name } }
      groups { nodes { id name } }
      projects { nodes { id name } }
      permissions { level role project { id name } via { id } }
    } }
  }
}`;

function refusal(answer: GraphQLResponse) {
  expect(answer.data ?? null).toBeNull();
  expect(answer.errors).toHaveLength(1);
  const error = answer.errors?.[0];
  expect(error?.extensions?.code).toBe("OPERATION_TOO_COSTLY");
  return error as NonNullable<typeof error>;
}

/** The server's own estimate of an operation, as it judged it. */
async function estimateOf(gw: GatewayHarness, query: string, variables: Record<string, unknown> = {}) {
  const document = parse(query);
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  ) as OperationDefinitionNode;
  const fragments = fragmentsOf(document);
  const coerced = getVariableValues(await rollcallSchema(), operation.variableDefinitions ?? [], variables);
  return gw.rollcall.server.estimator.estimate(operation, fragments, coerced.coerced ?? {}) as Estimate;
}

const noUpstream = (gw: GatewayHarness) =>
  expect(Object.values(gw.upstreamCounts()).reduce((n, c) => n + c, 0)).toBe(0);

describe("every operation is bounded before it runs", () => {
  let gw: GatewayHarness;
  /** The same gateway with the document limits (depth, aliases, tokens) out of the way, so the
   *  estimate alone is what refuses. */
  let open: GatewayHarness;

  beforeAll(async () => {
    [gw, open] = await Promise.all([
      startGateway({
        users: 120,
        server: { limits: { callers: { "test-reader": { upstreamCalls: 20 } } } },
      }),
      startGateway({
        users: 30,
        server: { limits: { maxDepth: 1000, maxAliases: 5000, maxTokens: 200_000, maxDirectives: 1000 } },
      }),
    ]);
  });
  afterAll(() => Promise.all([gw?.stop(), open?.stop()]));
  beforeEach(() => {
    gw.clearLogs();
    open.clearLogs();
  });

  describe("refused, naming the limit, before any vendor is called", () => {
    it("1,000 aliases of users(first: 1000): the document's size, or the estimate without it", async () => {
      const query = aliases(1000, "users(first: 1000) { nodes { id } }");
      const byTokens = refusal(await gw.gql(query));
      expect(byTokens.extensions?.limit).toBe("maxTokens");
      expect(byTokens.message).toBe("The document has more than 3000 tokens (server.limits.maxTokens)");
      const byAliases = refusal(await gw.gql(aliases(21, "users(first: 1000) { nodes { id } }")));
      expect(byAliases.extensions?.limit).toBe("maxAliases");
      expect(byAliases.message).toBe("Aliases limit of 20 exceeded, found 21. (server.limits.maxAliases)");

      const answer = await open.gql(query);
      expect(answer.status).toBe(400);
      const byEstimate = refusal(answer);
      expect(byEstimate.extensions?.limit).toBe("upstreamCalls");
      const estimate = byEstimate.extensions?.estimate as { upstreamCalls: number; objects: number };
      expect(estimate).toBeDefined();
      expect(estimate.objects).toBeGreaterThanOrEqual(1_000_000);
      expect(estimate.upstreamCalls).toBeGreaterThan(2500);
      expect(byEstimate.extensions?.budget).toEqual({ upstreamCalls: 2500, objects: 500_000 });
      expect(byEstimate.message).toMatch(/upstream calls \(budget 2,500, server\.limits\.upstreamCalls\)/);
      noUpstream(gw);
      noUpstream(open);
    });

    it("1,000 usersByEmail aliases", async () => {
      const query = aliases(1000, `usersByEmail(email: "ada.lovelace@example.com") { id }`);
      expect(refusal(await gw.gql(query)).extensions?.limit).toBe("maxTokens");
      expect(refusal(await open.gql(query)).extensions?.limit).toBe("upstreamCalls");
      noUpstream(gw);
      noUpstream(open);
    });

    it("nodes with 1,000 ids, written in the document or sent as a variable", async () => {
      const ids = Array.from({ length: 1000 }, (_, i) => `${SOURCE}:User:${i + 1}`);
      const inline = refusal(await gw.gql(`{ nodes(ids: ${JSON.stringify(ids)}) { id } }`));
      expect(inline.extensions).toMatchObject({
        limit: "maxListItems",
        argument: "nodes(ids:)",
        items: 1000,
      });
      expect(inline.message).toBe("`nodes(ids:)` has 1,000 items; at most 100 (server.limits.maxListItems)");
      const sent = refusal(await gw.gql(`query ($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids }));
      expect(sent.extensions).toMatchObject({ limit: "maxListItems", items: 1000 });
      noUpstream(gw);
    });

    it("a list inside a mutation's input, for a write-scoped caller too", async () => {
      const users = Array.from({ length: 150 }, (_, i) => `${SOURCE}:User:${i + 1}`);
      const answer = await gw.mutate(
        `mutation ($users: [ID!]!) { setUserActive(input: { users: $users, active: false }) { ok } }`,
        { users },
      );
      expect(refusal(answer).extensions).toMatchObject({
        limit: "maxListItems",
        argument: "setUserActive(input.users:)",
      });
      noUpstream(gw);
    });

    it("users → teams → members nesting 15 levels deep (under 400 bytes)", async () => {
      const query = nested(15);
      expect(query.length).toBeLessThan(400);
      const byDepth = refusal(await gw.gql(query));
      expect(byDepth.extensions?.limit).toBe("maxDepth");
      expect(byDepth.message).toMatch(/depth limit of 10 exceeded.*server\.limits\.maxDepth/);
      expect(refusal(await open.gql(query)).extensions?.limit).toBe("objects");
      noUpstream(gw);
      noUpstream(open);
    });

    it("four levels of groups { members { groups { members } } } without a key", async () => {
      // Within the depth limit: the estimate refuses it (50 groups × 50 members × 50 × 50).
      const error = refusal(await gw.gql(GROUPS_FOUR_LEVELS));
      expect(error.extensions?.limit).toBe("objects");
      const estimate = error.extensions?.estimate as { objects: number } | undefined;
      expect(estimate?.objects).toBeGreaterThan(6_000_000);
      noUpstream(gw);
    });

    it("judges `first: $n` by the value sent, and a variable's default when none is", async () => {
      const query = `query ($n: Int = 1000) { groups(first: $n) { nodes { members(first: $n) { nodes { groups(first: $n) { nodes { id } } } } } } }`;
      expect(refusal(await gw.gql(query)).extensions?.limit).toBe("objects");
      expect(refusal(await gw.gql(query, { n: 1000 })).extensions?.limit).toBe("objects");
      noUpstream(gw);
      const small = await gw.gql(query, { n: 2 });
      expect(small.errors).toBeUndefined();
      expect((small.data as { groups: { nodes: unknown[] } }).groups.nodes).toHaveLength(2);
    });

    it("counts only what executes: a part skipped by @include(if: false) costs nothing", async () => {
      const query = `query ($deep: Boolean!) { groups { nodes { id members @include(if: $deep) { nodes { groups { nodes { members { nodes { id } } } } } } } } }`;
      expect(refusal(await gw.gql(query, { deep: true })).extensions?.limit).toBe("objects");
      noUpstream(gw);
      const shallow = await gw.gql(query, { deep: false });
      expect(shallow.errors).toBeUndefined();
    });

    it("judges the operation that runs, not the document's others", async () => {
      const document = `query Costly { groups { nodes { members { nodes { groups { nodes { members { nodes { id } } } } } } } } }
        query Cheap { sources { id } }`;
      const response = await fetch(gw.rollcall.url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: document, operationName: "Cheap" }),
      });
      const cheap = (await response.json()) as GraphQLResponse;
      expect(cheap.errors).toBeUndefined();
      const costly = await fetch(gw.rollcall.url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: document, operationName: "Costly" }),
      });
      expect(costly.status).toBe(400);
      expect(refusal((await costly.json()) as GraphQLResponse).extensions?.limit).toBe("objects");
    });

    it("looks up the caller's own budget", async () => {
      const directory = readFileSync("examples/operations/directory.graphql", "utf8");
      const reader = refusal(await gw.gql(directory, {}, { authorization: `Bearer ${gw.keys.read}` }));
      expect(reader.extensions?.limit).toBe("upstreamCalls");
      expect(reader.extensions?.budget).toEqual({ upstreamCalls: 20, objects: 500_000 });
      noUpstream(gw);
      const writer = await gw.gql(directory, {}, { authorization: `Bearer ${gw.keys.write}` });
      expect(writer.errors).toBeUndefined();
    });
  });

  describe("passes with the default budget", () => {
    it.each(readdirSync("examples/operations"))("the README's %s", async (file) => {
      const answer = await gw.gql(readFileSync(`examples/operations/${file}`, "utf8"), {
        email: "ada.lovelace@example.com",
      });
      expect(answer.errors).toBeUndefined();
      expect(answer.data).toBeTruthy();
    });

    it("a full directory page: users(first: 1000) with teams, groups, projects and permissions", async () => {
      const answer = await gw.gql<{ users: { totalCount: number; edges: unknown[] } }>(FULL_DIRECTORY_PAGE);
      expect(answer.errors).toBeUndefined();
      expect(answer.data?.users.edges.length).toBe(answer.data?.users.totalCount);
      expect(answer.data?.users.edges.length).toBeGreaterThan(500);
    });
  });

  describe("the estimate is an upper bound", () => {
    const RELATIONS: Array<[string, string, Record<string, unknown>]> = [
      [
        "projects' members and permissions",
        `{ projects(first: 10) { nodes { members(first: 10) { nodes { id } } permissions { role user { id } via { id } } } } }`,
        {},
      ],
      [
        "groups' members and theirs",
        `{ groups(first: 20) { nodes { members { nodes { id groups { nodes { id } } } } } } }`,
        {},
      ],
      [
        "teams' members and theirs",
        `{ teams(first: 20) { nodes { members { nodes { id teams { nodes { id } } } } } } }`,
        {},
      ],
      [
        "users' projects' members",
        `{ users(first: 5) { nodes { projects(first: 5) { nodes { members(first: 5) { nodes { id } } } } } } }`,
        {},
      ],
    ];
    const queries: Array<[string, string, Record<string, unknown>]> = [
      ...readdirSync("examples/operations").map((f): [string, string, Record<string, unknown>] => [
        f,
        readFileSync(`examples/operations/${f}`, "utf8"),
        { email: "ada.lovelace@example.com" },
      ]),
      ["a full directory page", FULL_DIRECTORY_PAGE, {}],
      ...RELATIONS,
      [
        "nodes of every type",
        `{ nodes(ids: ${JSON.stringify(idsOfEveryType)}) { id ... on User { permissions { role } } ... on Team { members { nodes { id } } } ... on Group { members { nodes { id } } } ... on Project { permissions { role } } } }`,
        {},
      ],
    ];

    it.each(queries)(
      "never below the upstream calls each source receives: %s",
      async (_name, query, variables) => {
        const estimate = await estimateOf(gw, query, variables);
        gw.clearLogs();
        const answer = await gw.gql(query, variables);
        expect(answer.errors?.filter((e) => e.extensions?.code !== "NOT_FOUND")).toBeUndefined();
        for (const [source, calls] of Object.entries(gw.upstreamCounts()))
          expect({ source, calls }).toEqual({
            source,
            calls: Math.min(calls, estimate.bySource[source] ?? 0),
          });
      },
    );
  });

  describe("relation connections page like top-level lists", () => {
    const MEMBERS = `query ($id: ID!, $first: Int) { node(id: $id) { ... on Group { members(first: $first) { totalCount nodes { id } pageInfo { hasNextPage } } } } }`;
    /** The group with the most members, across every source. */
    const biggestGroup = async () => {
      const { data } = await gw.gql<{
        groups: { nodes: Array<{ id: string; members: { totalCount: number } }> };
      }>(`{ groups(first: 100) { nodes { id members(first: 1) { totalCount } } } }`);
      const [biggest] = [...data!.groups.nodes].sort((a, b) => b.members.totalCount - a.members.totalCount);
      return biggest!.id;
    };
    type Members = {
      node: { members: { totalCount: number; nodes: unknown[]; pageInfo: { hasNextPage: boolean } } };
    };

    it("answer 50 when `first` is omitted or null, and say there is more", async () => {
      const id = await biggestGroup();
      for (const variables of [{ id }, { id, first: null }]) {
        const answer = await gw.gql<Members>(MEMBERS, variables);
        expect(answer.errors).toBeUndefined();
        const members = answer.data?.node.members;
        expect(members?.totalCount).toBeGreaterThan(50);
        expect(members?.nodes).toHaveLength(50);
        expect(members?.pageInfo.hasNextPage).toBe(true);
      }
    });

    it("refuse a `first` above maxPageSize, naming it", async () => {
      const answer = await gw.gql<Members>(MEMBERS, { id: await biggestGroup(), first: 1001 });
      expect(answer.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "first" });
    });
  });
});
