/**
 * Rollcall as a Federation v2 subgraph (`server.federation: true`), over real HTTP on the vendors'
 * simulators: `_service { sdl }` with the entities' keys, `_entities` resolved through the same
 * batching loaders as `nodes(ids:)` (calls counted in each simulator's log), the same guards as
 * any query, and neither field on a standalone server.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { person as seeded } from "../../../src/simulator/people.js";
import { vendors } from "../../../src/vendors/registry.js";
import { callsOf as calls, personLookupFloor } from "../../support/entity-floor.js";
import { type GatewayHarness, startGateway } from "../../support/gateway-harness.js";
import { vendorWhere } from "../../support/pick-vendor.js";

const ACCESS = `level role project { name }`;
const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) {
  __typename
  ... on User { id email permissions { ${ACCESS} } }
  ... on Person { id email accounts { id source { id } permissions { ${ACCESS} } } }
  ... on Source { key: id kind }
  ... on Project { id name }
} }`;

type Entity = Record<string, unknown> & { __typename: string };

// Sources by what they are here for, never by vendor (each source's id is its vendor's kind).
const A = vendors[0]!.kind;
const B = vendors[vendors.length - 1]!.kind;
const WITH_PROJECTS = vendorWhere((c) => !!c.projects, "with projects").kind;

/** A source's `kind` as Rollcall's `source(id:)` answers it. */
async function kindOf(gw: GatewayHarness, id: string, headers?: Record<string, string>): Promise<string> {
  const { data } = await gw.gql<{ source: { kind: string } }>(
    `query($id: ID!) { source(id: $id) { kind } }`,
    { id },
    headers,
  );
  return data!.source.kind;
}

describe("the federation subgraph", () => {
  let gw: GatewayHarness;
  beforeAll(async () => {
    gw = await startGateway({ users: 20, server: { federation: true } });
  });
  afterAll(() => gw?.stop());

  const callsOf = (query: string, variables?: Record<string, unknown>) => calls(gw, query, variables);

  it("serves its SDL with a @key on each entity, Person by id and by email", async () => {
    const { data } = await callsOf(`{ _service { sdl } }`);
    const sdl = (data._service as { sdl: string }).sdl;
    expect(sdl).toContain('@link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])');
    for (const type of ["User", "Project", "Group", "Team", "Source"])
      expect(sdl, type).toMatch(
        new RegExp(`type ${type}( implements Node)?\\n  @key\\(fields: "id"\\)\\n\\{`),
      );
    expect(sdl).toMatch(
      /type Person implements Node\n {2}@key\(fields: "id"\)\n {2}@key\(fields: "email"\)\n\{/,
    );
    // What the standalone server serves is all there: the same queries and mutations.
    expect(sdl).toContain("usersByEmail(");
    expect(sdl).toContain("planOffboarding(");
  });

  it("resolves users, a project and sources by id, and a person by email or id", async () => {
    const users = await gw.gql<{ users: { nodes: Array<{ id: string; email: string }> } }>(
      `{ users(sources: ["${A}"], first: 2) { nodes { id email } } projects(sources: ["${WITH_PROJECTS}"], first: 1) { nodes { id name } } }`,
    );
    const [user] = users.data!.users.nodes;
    const project = (users.data as unknown as { projects: { nodes: Array<{ id: string; name: string }> } })
      .projects.nodes[0]!;
    const email = seeded(2).email;
    const { data } = await callsOf(ENTITIES, {
      r: [
        { __typename: "User", id: user!.id },
        { __typename: "Project", id: project.id },
        { __typename: "Source", id: B },
        { __typename: "Source", id: "no-such-source" },
        { __typename: "Person", email: `  ${email.toUpperCase()} ` },
        { __typename: "Person", id: `Person:${encodeURIComponent(email)}` },
        { __typename: "Person", email: "nobody.at.all@example.com" },
        // A key naming another type is no object of the type asked for.
        { __typename: "User", id: project.id },
      ],
    });
    const entities = data._entities as Array<Entity | null>;
    expect(entities[0]).toMatchObject({ __typename: "User", id: user!.id, email: user!.email });
    expect(entities[1]).toEqual({ __typename: "Project", id: project.id, name: project.name });
    expect(entities[2]).toEqual({ __typename: "Source", key: B, kind: await kindOf(gw, B) });
    expect(entities[3]).toBeNull();
    const byEmail = entities[4] as Entity & { accounts: Array<{ source: { id: string } }> };
    expect(byEmail).toMatchObject({ __typename: "Person", id: `Person:${encodeURIComponent(email)}`, email });
    expect(byEmail.accounts.map((a) => a.source.id).sort()).toEqual(vendors.map((v) => v.kind).sort());
    expect(entities[5]).toEqual(byEmail);
    expect(entities[6]).toBeNull();
    expect(entities[7]).toBeNull();
  });

  it("looks up 10 users of one source in one batch: what nodes(ids:) costs", async () => {
    const { data } = await gw.gql<{ users: { nodes: Array<{ id: string }> } }>(
      `{ users(sources: ["${B}"], first: 10) { nodes { id } } }`,
    );
    const ids = data!.users.nodes.map((n) => n.id);
    expect(ids).toHaveLength(10);
    const entities = await callsOf(ENTITIES, { r: ids.map((id) => ({ __typename: "User", id })) });
    const nodes = await callsOf(
      `query($ids: [ID!]!) { nodes(ids: $ids) { ... on User { id email permissions { ${ACCESS} } } } }`,
      { ids },
    );
    expect((entities.data._entities as Entity[]).map((e) => e.id)).toEqual(ids);
    expect(entities.calls).toEqual(nodes.calls);
    expect(entities.calls[B]).toBeGreaterThan(0);
  });

  it("looks up persons by email as usersByEmail does, each once, and reads their accounts' access in one batch per source", async () => {
    const emails = [seeded(3).email, seeded(4).email, seeded(5).email];
    // A router may name one person twice (two employees with one email, in two places of a plan).
    const entities = await callsOf(ENTITIES, {
      r: [...emails, emails[0]].map((email) => ({ __typename: "Person", email })),
    });
    const all = entities.data._entities as Array<{ accounts: Array<{ id: string }> }>;
    const persons = all.slice(0, emails.length);
    expect(all[emails.length]).toEqual(persons[0]);
    const accountIds = persons.flatMap((p) => p.accounts.map((a) => a.id));
    expect(accountIds).toHaveLength(emails.length * vendors.length);

    const floor = await personLookupFloor(gw, emails, accountIds, `permissions { ${ACCESS} }`);
    expect(entities.calls).toEqual(floor);
  });

  it("is held to maxListItems: more representations than that are refused before any call", async () => {
    gw.clearLogs();
    const r = Array.from({ length: 101 }, (_, i) => ({ __typename: "User", id: `${A}:User:${i + 1}` }));
    const { status, errors } = await gw.gql(ENTITIES, { r });
    expect(status).toBe(400);
    expect(errors?.[0]?.extensions).toMatchObject({ code: "OPERATION_TOO_COSTLY", limit: "maxListItems" });
    expect(Object.values(gw.upstreamCounts()).every((n) => n === 0)).toBe(true);
  });

  it("is held to the depth limit like any query", async () => {
    const { status, errors } = await gw.gql(
      `{ _entities(representations: [{ __typename: "Project", id: "${WITH_PROJECTS}:Project:1" }]) { ... on Project {
        members { nodes { groups { nodes { members { nodes { groups { nodes { members { nodes { id } } } } } } } } } } } } }`,
    );
    expect(status).toBe(400);
    expect(errors?.[0]?.extensions?.code).toBe("OPERATION_TOO_COSTLY");
  });
});

describe("a subgraph without anonymous reads", () => {
  let gw: GatewayHarness;
  beforeAll(async () => {
    gw = await startGateway({ users: 3, server: { federation: true }, auth: { anonymousReads: false } });
  });
  afterAll(() => gw?.stop());

  it("refuses _entities and _service without credentials, reaching no vendor, and answers a read key", async () => {
    gw.clearLogs();
    const entities = await gw.gql(ENTITIES, { r: [{ __typename: "Source", id: A }] });
    expect(entities.status).toBe(401);
    expect(entities.data).toBeUndefined();
    expect(entities.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect((await gw.gql(`{ _service { sdl } }`)).status).toBe(401);
    expect(Object.values(gw.upstreamCounts()).every((n) => n === 0)).toBe(true);

    const read = { authorization: `Bearer ${gw.keys.read}` };
    const allowed = await gw.gql(ENTITIES, { r: [{ __typename: "Source", id: A }] }, read);
    expect(allowed.errors).toBeUndefined();
    expect(allowed.data).toEqual({
      _entities: [{ __typename: "Source", key: A, kind: await kindOf(gw, A, read) }],
    });
  });
});

describe("a standalone server (the default)", () => {
  let gw: GatewayHarness;
  beforeAll(async () => {
    gw = await startGateway({ users: 1, instances: [{ vendor: vendors[0]!, id: "src" }] });
  });
  afterAll(() => gw?.stop());

  it("has neither _service nor _entities", async () => {
    for (const query of [
      `{ _service { sdl } }`,
      `{ _entities(representations: [{ __typename: "Source", id: "src" }]) { __typename } }`,
    ]) {
      const { status, errors } = await gw.gql(query);
      expect(status).toBe(400);
      expect(errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
      expect(errors?.[0]?.message).toMatch(/Cannot query field "_(service|entities)" on type "Query"/);
    }
  });
});
