import { SpanKind } from "@opentelemetry/api";
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from "@opentelemetry/sdk-trace-base";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { vendors } from "../../src/vendors/registry.js";
import { firstUserId, type GatewayHarness, startGateway } from "../support/gateway-harness.js";

// Any vendor: the spans are the gateway's, not a vendor's.
const vendor = vendors[0];
if (!vendor) throw new Error("no vendor is registered");
const instances = [{ vendor, id: "one" }];
const ONE_USER = `query OneUser($id: ID!) { node(id: $id) { ... on User { email displayName } } }`;

const traceIdOf = (traceparent: string | undefined) => traceparent?.split("-")[1];
const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;

describe("traces, when a tracer provider is given", () => {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  let gw: GatewayHarness;
  let spans: ReadableSpan[];
  let id: string;

  beforeAll(async () => {
    gw = await startGateway({
      instances,
      tracerProvider: provider,
      extraConfig: { logging: { level: "debug" } },
    });
    id = await firstUserId(gw, "one");
    exporter.reset();
    gw.clearLogs();
    gw.logs.length = 0;
    const { data, errors } = await gw.gql(ONE_USER, { id });
    expect(errors).toBeUndefined();
    expect(data?.node).toBeTruthy();
    spans = exporter.getFinishedSpans();
  });
  afterAll(async () => {
    await gw?.stop();
    await provider.shutdown();
  });

  it("gives one operation one span, named by its type and name, with its batches and vendor calls beneath it", () => {
    const operations = spans.filter((s) => s.kind === SpanKind.SERVER);
    expect(operations.map((s) => s.name)).toEqual(["query OneUser"]);
    const operation = operations[0] as ReadableSpan;
    expect(operation.attributes["graphql.operation.type"]).toBe("query");
    expect(operation.attributes["rollcall.outcome"]).toBe("ok");

    const batches = spans.filter((s) => s.name.startsWith("batch "));
    expect(batches.length).toBeGreaterThan(0);
    const users = batches.find((s) => s.attributes["rollcall.relation"] === "users");
    expect(users?.attributes).toMatchObject({ "rollcall.source": "one", "rollcall.keys": 1 });
    expect(parentOf(users as ReadableSpan)).toBe(operation.spanContext().spanId);

    const calls = spans.filter((s) => s.kind === SpanKind.CLIENT);
    expect(calls.length).toBeGreaterThan(0);
    for (const call of calls) {
      expect(call.spanContext().traceId).toBe(operation.spanContext().traceId);
      expect(call.attributes["rollcall.source"]).toBe("one");
      expect(call.attributes["http.request.method"]).toBe("GET");
      expect(call.attributes["http.response.status_code"]).toBe(200);
    }
    // A user's call hangs under the batch that asked for it.
    expect(calls.some((c) => parentOf(c) === users?.spanContext().spanId)).toBe(true);
  });

  it("names a vendor call by its route, never by the id or person it was about", () => {
    const calls = spans.filter((s) => s.kind === SpanKind.CLIENT);
    // The user asked for by id: its route has a placeholder where the id was.
    expect(calls.some((c) => String(c.attributes["url.template"]).includes("{id}"))).toBe(true);
    // No ids, no @: words, versions, separators and placeholders only.
    for (const call of calls) expect(call.name).toMatch(/^GET (?:[a-z_-]+|v\d+|\{id\}|\/)*$/i);
  });

  it("sends the vendor the operation's trace in `traceparent`, and the simulator answers it", () => {
    const operation = spans.find((s) => s.kind === SpanKind.SERVER) as ReadableSpan;
    const calls = (gw.sims.get("one")?.log.calls() ?? []).filter((c) => c.status === 200);
    expect(calls.length).toBeGreaterThan(0);
    for (const call of calls) expect(traceIdOf(call.traceparent)).toBe(operation.spanContext().traceId);
  });

  it("keeps the source's credentials out of every span", () => {
    const everything = JSON.stringify(spans.map((s) => ({ name: s.name, attributes: s.attributes })));
    expect(gw.rollcall.gateway.secrets.mentions(everything)).toBe(false);
    expect(everything.toLowerCase()).not.toContain("authorization");
  });

  it("logs the request's id and its trace id on the lines it writes while serving it", () => {
    const operation = spans.find((s) => s.kind === SpanKind.SERVER) as ReadableSpan;
    const lines = gw.logs.map((line) => JSON.parse(line) as Record<string, unknown>);
    const upstream = lines.filter((l) => l.msg === "upstream request");
    expect(upstream.length).toBeGreaterThan(0);
    for (const line of upstream) {
      expect(line.reqId).toBe(operation.attributes["rollcall.request_id"]);
      expect(line.traceId).toBe(operation.spanContext().traceId);
    }
  });
});

describe("traces, by default", () => {
  let gw: GatewayHarness;
  beforeAll(async () => {
    gw = await startGateway({ instances, extraConfig: { logging: { level: "debug" } } });
  });
  afterAll(async () => gw?.stop());

  it("sends no traceparent and logs no trace id, but still the request id", async () => {
    const id = await firstUserId(gw, "one");
    gw.clearLogs();
    gw.logs.length = 0;
    await gw.gql(ONE_USER, { id });
    const calls = gw.sims.get("one")?.log.calls() ?? [];
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.every((c) => c.traceparent === undefined)).toBe(true);
    const upstream = gw.logs.map((l) => JSON.parse(l)).filter((l) => l.msg === "upstream request");
    expect(upstream.length).toBeGreaterThan(0);
    for (const line of upstream) {
      expect(line.traceId).toBeUndefined();
      expect(line.reqId).toMatch(/^req-/);
    }
  });

  it("shows the new metrics on /metrics: store latency moves with the store's queries", async () => {
    const scrape = async () =>
      await fetch(`${gw.rollcall.origin}/metrics`, {
        headers: { authorization: `Bearer ${gw.keys.read}` },
      }).then((r) => r.text());
    const count = (text: string) =>
      Number(/rollcall_store_query_duration_seconds_count\{kind="select"\} (\d+)/.exec(text)?.[1] ?? 0);
    const before = await scrape();
    expect(before).toContain("# TYPE rollcall_upstream_rate_limit_wait_seconds histogram");
    expect(before).toContain("# TYPE rollcall_read_cache_requests_total counter");
    await gw.gql(`{ snapshots(first: 1) { nodes { id } } }`);
    expect(count(await scrape())).toBeGreaterThan(count(before));
  });
});
