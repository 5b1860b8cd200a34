/**
 * Every vendor call's span is named by its exact route (src/vendors/http/api-path.ts): the route is
 * the client's literal text, each value a placeholder, so no person's id, login or email reaches a
 * trace, and it is the route the call really went to. Run against every vendor's simulator: the
 * directory with its relations, lookups by id and email, and writes.
 */
import { SpanKind } from "@opentelemetry/api";
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from "@opentelemetry/sdk-trace-base";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Capability } from "../../src/model/capabilities.js";
import { vendors } from "../../src/vendors/registry.js";
import { type GatewayHarness, startGateway } from "../support/gateway-harness.js";
import { capabilitiesOfVendor } from "../support/pick-vendor.js";

interface DirectoryUser {
  id: string;
  remoteId: string;
  login: string | null;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  source: { id: string };
}

const DIRECTORY = `{
  users(first: 500) {
    nodes {
      id remoteId login email firstName lastName displayName source { id }
      permissions { role project { id } }
      groups { nodes { id name } }
      teams { nodes { id name } }
    }
  }
}`;

/** A login that reads like a word of any API: the old guess from the path's text kept such a segment. */
const WORDY_LOGIN = "reviewer";
const INVITED = "route.check@example.com";

/** A route as a pattern of the path it names: its literal text exactly, one encoded segment per `{id}`. */
function routePattern(template: string): RegExp {
  const source = template
    .split(/(\{ids?\})/)
    .map((part) =>
      part === "{id}"
        ? "[^/,]+"
        : part === "{ids}"
          ? "[^/,]+(?:,[^/,]+)*"
          : part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"),
    )
    .join("");
  return new RegExp(`^/${source}/?$`);
}

interface Result {
  source: { id: string };
  status: string;
  error: { message: string } | null;
}

const groupSources = vendors.filter((v) => capabilitiesOfVendor(v).has(Capability.GROUPS)).map((v) => v.kind);

const spanIdOf = (traceparent: string | undefined) => traceparent?.split("-")[2];

describe("vendor call spans, on every vendor's simulator", () => {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  let gw: GatewayHarness;
  let calls: ReadableSpan[];
  /** What the calls were about: every directory user's ids, logins, emails and names. */
  const values = new Set<string>();

  beforeAll(async () => {
    gw = await startGateway({ users: 20, tracerProvider: provider });
    const directory = await gw.gql<{ users: { nodes: DirectoryUser[] } }>(DIRECTORY);
    expect(directory.errors).toBeUndefined();
    const users = directory.data!.users.nodes;
    for (const user of users)
      for (const value of [user.remoteId, user.login, user.email, user.firstName, user.lastName])
        if (value) values.add(value);
    for (const value of [WORDY_LOGIN, INVITED]) values.add(value);

    const firsts = vendors.map((vendor) => users.find((u) => u.source.id === vendor.kind)!);
    for (const user of firsts) {
      const one = await gw.gql(
        `query ($id: ID!) { node(id: $id) { ... on User { email projects { nodes { id } } } } }`,
        { id: user.id },
      );
      expect(one.errors).toBeUndefined();
    }
    const person = firsts.find((u) => u.email)!;
    const byEmail = await gw.gql(`query ($email: String!) { usersByEmail(email: $email) { id } }`, {
      email: person.email,
    });
    expect(byEmail.errors).toBeUndefined();

    // A vendor may require a group for a new user (and the others join it).
    const groups = await gw.gql<{ groups: { nodes: Array<{ id: string; source: { id: string } }> } }>(
      `{ groups(first: 100, sources: ${JSON.stringify(groupSources)}) { nodes { id source { id } } } }`,
    );
    expect(groups.errors).toBeUndefined();
    const firstGroups = groupSources.map(
      (source) => groups.data!.groups.nodes.find((g) => g.source.id === source)!.id,
    );
    const invited = await gw.mutate<{ inviteUser: { results: Result[] } }>(
      `mutation ($email: String!, $groups: [ID!]) { inviteUser(input: { email: $email, firstName: "Route", lastName: "Check", password: "Initial#2026", groups: $groups }) { results { source { id } status error { message } } } }`,
      { email: INVITED, groups: firstGroups },
    );
    expect(invited.data!.inviteUser.results.map((r) => [r.source.id, r.status, r.error])).toEqual(
      vendors.map((v) => [v.kind, "CREATED", null]),
    );
    // Not the first account, which may be the one Rollcall signs in with. A login change is
    // checked by login first where the vendor looks logins up in a path.
    const seconds = vendors.map((vendor) => users.filter((u) => u.source.id === vendor.kind)[1]!);
    for (const user of seconds) {
      const updated = await gw.mutate<{ updateUser: { results: Result[] } }>(
        `mutation ($id: ID!, $login: String) { updateUser(input: { user: $id, firstName: "Renamed", lastName: "Person", login: $login }) { results { source { id } status error { message } } } }`,
        { id: user.id, login: user.login && user.login !== user.email ? WORDY_LOGIN : null },
      );
      expect(updated.data!.updateUser.results.map((r) => [r.source.id, r.status])).toEqual([
        [user.source.id, "UPDATED"],
      ]);
    }
    const deactivated = await gw.mutate(
      `mutation ($ids: [ID!]!) { setUserActive(input: { users: $ids, active: false }) { results { status error { message } } } }`,
      { ids: seconds.map((u) => u.id) },
    );
    expect(deactivated.errors).toBeUndefined();
    calls = exporter.getFinishedSpans().filter((span) => span.kind === SpanKind.CLIENT);
  });
  afterAll(async () => {
    await gw?.stop();
    await provider.shutdown();
  });

  it("calls every vendor, reads and writes, with routes that take values", () => {
    const sources = new Set(calls.map((c) => c.attributes["rollcall.source"]));
    expect([...sources].sort()).toEqual(vendors.map((v) => v.kind).sort());
    for (const vendor of vendors) {
      const mine = calls.filter((c) => c.attributes["rollcall.source"] === vendor.kind);
      const methods = new Set(mine.map((c) => c.attributes["http.request.method"]));
      expect(methods.size, `${vendor.kind}: ${[...methods]}`).toBeGreaterThan(1);
      expect(
        mine.some((c) => String(c.attributes["url.template"]).includes("{id")),
        vendor.kind,
      ).toBe(true);
    }
  });

  it("names each call `<METHOD> <route>`, the route holding none of the ids, logins, emails or names it was about", () => {
    expect(values.size).toBeGreaterThan(100);
    const encoded = new Set([...values].flatMap((v) => [v, encodeURIComponent(v), v.toLowerCase()]));
    for (const call of calls) {
      const template = String(call.attributes["url.template"]);
      expect(call.name).toBe(`${call.attributes["http.request.method"]} ${template}`);
      expect(template, call.name).not.toMatch(/[@?&%]/);
      const leaked = template.split(/[/,]/).filter((segment) => encoded.has(segment));
      expect(leaked, call.name).toEqual([]);
    }
  });

  it("names each call by the route it really went to: the simulator saw a path of that route", () => {
    const logged = vendors.flatMap((vendor) =>
      (gw.sims.get(vendor.kind)?.log.list() ?? []).map((entry) => ({ ...entry, source: vendor.kind })),
    );
    let matched = 0;
    for (const call of calls) {
      const spanId = call.spanContext().spanId;
      const sent = logged.filter((entry) => spanIdOf(entry.traceparent) === spanId);
      // A call answered from the shared read cache or refused before sending reached no simulator.
      if (call.attributes["http.response.status_code"] === undefined) continue;
      expect(sent.length, call.name).toBeGreaterThan(0);
      const pattern = routePattern(String(call.attributes["url.template"]));
      for (const entry of sent) {
        expect(entry.source).toBe(call.attributes["rollcall.source"]);
        expect(entry.method).toBe(call.attributes["http.request.method"]);
        expect(entry.path, call.name).toMatch(pattern);
        matched += 1;
      }
    }
    expect(matched).toBeGreaterThan(calls.length / 2);
  });
});
