/**
 * Rollcall composed into a supergraph, as a company would run it: a second subgraph ("employees",
 * an HR service keyed by email, built here with @apollo/subgraph) and Rollcall's own SDL (read from
 * its `_service`) composed with @apollo/composition, served by a real router (@apollo/gateway in
 * Apollo Server) that forwards each caller's Authorization header to the subgraphs. Everything
 * over real HTTP: router → subgraphs → the vendors' simulators, whose calls are counted.
 */
import { composeServices } from "@apollo/composition";
import { ApolloGateway, RemoteGraphQLDataSource } from "@apollo/gateway";
import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import { buildSubgraphSchema } from "@apollo/subgraph";
import { parse } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { person as seeded } from "../../../src/simulator/people.js";
import { vendors } from "../../../src/vendors/registry.js";
import { callsOf, callsSinceClear, personLookupFloor } from "../../support/entity-floor.js";
import { type GatewayHarness, startGateway } from "../../support/gateway-harness.js";

const NEW_HIRE = "new.hire@example.com"; // no account in any tool yet
const EMPLOYEES = [
  ...[6, 7, 8].map((i) => ({ email: seeded(i).email, name: seeded(i).displayName, department: "QA" })),
  { email: NEW_HIRE, name: "New Hire", department: "Mobile" },
];

/** The HR subgraph: it owns employees, and knows a person only by the email Rollcall keys them by. */
const EMPLOYEES_SDL = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Query { employees: [Employee!]! }
  type Employee @key(fields: "email") {
    email: String!
    name: String!
    department: String!
    "Their accounts and access, from Rollcall"
    person: Person
  }
  type Person @key(fields: "email", resolvable: false) { email: String }
`);

const ACCESS = `level role project { name }`;
const QUERY = `{ employees { name department person {
  id displayName accounts { id source { id } active permissions { ${ACCESS} } }
} } }`;

interface Answer {
  data?: {
    employees: Array<{ name: string; person: null | { id: string; accounts: Array<{ id: string }> } }>;
  };
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

/** The router's connection to a subgraph: forwards the caller's credentials, counts requests. */
class ForwardingDataSource extends RemoteGraphQLDataSource<{ authorization?: string }> {
  static requests = new Map<string, number>();
  override willSendRequest({
    request,
    context,
  }: Parameters<NonNullable<RemoteGraphQLDataSource<{ authorization?: string }>["willSendRequest"]>>[0]) {
    ForwardingDataSource.requests.set(this.url, (ForwardingDataSource.requests.get(this.url) ?? 0) + 1);
    if (context.authorization) request.http?.headers.set("authorization", context.authorization);
  }
}

describe("Rollcall in a supergraph with an employees subgraph", () => {
  let gw: GatewayHarness;
  let employees: ApolloServer;
  let employeesUrl: string;
  let router: ApolloServer<{ authorization?: string }>;
  let routerUrl: string;
  let readKey: Record<string, string>;

  beforeAll(async () => {
    // Anonymous reads off: the router must bring the caller's credentials to Rollcall.
    gw = await startGateway({ users: 20, server: { federation: true }, auth: { anonymousReads: false } });
    readKey = { authorization: `Bearer ${gw.keys.read}` };
    employees = new ApolloServer({
      schema: buildSubgraphSchema([
        {
          typeDefs: EMPLOYEES_SDL,
          resolvers: {
            Query: { employees: () => EMPLOYEES },
            Employee: {
              __resolveReference: (ref: { email: string }) => EMPLOYEES.find((e) => e.email === ref.email),
              person: (employee: { email: string }) => ({ email: employee.email }),
            },
          },
        },
      ]),
    });
    employeesUrl = (await startStandaloneServer(employees, { listen: { port: 0, host: "127.0.0.1" } })).url;

    const { data } = await callsOf(gw, `{ _service { sdl } }`, undefined, readKey);
    const composed = composeServices([
      { name: "rollcall", typeDefs: parse((data._service as { sdl: string }).sdl), url: gw.rollcall.url },
      { name: "employees", typeDefs: EMPLOYEES_SDL, url: employeesUrl },
    ]);
    if (composed.errors) throw new Error(composed.errors.map((e) => e.message).join("\n"));
    router = new ApolloServer({
      gateway: new ApolloGateway({
        supergraphSdl: composed.supergraphSdl,
        buildService: ({ url }) => new ForwardingDataSource({ url }),
      }),
    });
    routerUrl = (
      await startStandaloneServer(router, {
        listen: { port: 0, host: "127.0.0.1" },
        context: async ({ req }) => ({ authorization: req.headers.authorization }),
      })
    ).url;
  });
  afterAll(async () => {
    await router?.stop();
    await employees?.stop();
    await gw?.stop();
  });

  async function ask(headers: Record<string, string> = {}): Promise<Answer> {
    gw.clearLogs();
    ForwardingDataSource.requests.clear();
    const response = await fetch(routerUrl, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify({ query: QUERY }),
    });
    return (await response.json()) as Answer;
  }

  it("answers an employee's accounts and access from Rollcall, in one entity request, at the upstream floor", async () => {
    const answer = await ask(readKey);
    expect(answer.errors).toBeUndefined();
    const found = answer.data!.employees;
    expect(found.map((e) => e.name)).toEqual(EMPLOYEES.map((e) => e.name));
    // Each known employee is a person with an account in every tool; the new hire has none yet.
    for (const employee of found.slice(0, 3)) {
      expect(employee.person?.id).toMatch(/^Person:/);
      expect(employee.person?.accounts).toHaveLength(vendors.length);
    }
    expect(found[3]!.person).toBeNull();
    const calls = callsSinceClear(gw);
    // The router asked each subgraph once: the employees, then every person in one _entities.
    expect(Object.fromEntries(ForwardingDataSource.requests)).toEqual({
      [employeesUrl]: 1,
      [gw.rollcall.url]: 1,
    });
    const permissions = found.flatMap((e) => e.person?.accounts ?? []);
    expect(permissions.length).toBeGreaterThan(0);
    const accountIds = permissions.map((a) => a.id);
    const floor = await personLookupFloor(
      gw,
      EMPLOYEES.map((e) => e.email),
      accountIds,
      `permissions { ${ACCESS} }`,
      readKey,
    );
    expect(calls).toEqual(floor);
    for (const { kind } of vendors) expect(calls[kind], kind).toBeGreaterThan(0);
  });

  it("gets nothing from Rollcall for a caller without credentials: refused before any vendor call", async () => {
    const answer = await ask();
    // The employees subgraph answers; Rollcall's part is refused, and no vendor is asked.
    expect(answer.data?.employees.map((e) => e.name)).toEqual(EMPLOYEES.map((e) => e.name));
    expect(answer.data?.employees.every((e) => e.person === null)).toBe(true);
    expect(answer.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(Object.values(gw.upstreamCounts()).every((n) => n === 0)).toBe(true);
  });
});
