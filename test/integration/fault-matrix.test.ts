/**
 * Every vendor × every way a vendor fails: the other vendors' data arrives, complete, and the
 * failed one is named with its documented code. Loops over the registry; no vendor is special.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { aliasOf } from "../../bench/lib/queries.js";
import type { FaultInjection } from "../../src/simulator/faults.js";
import { vendors } from "../../src/vendors/registry.js";
import { type GatewayHarness, startGateway } from "../support/gateway-harness.js";

// Long enough for a healthy source's answer on a loaded CI machine (400 ms was not: a healthy
// source timed out now and then), short enough that the cases that wait it out stay quick.
const TIMEOUT_MS = 1000;
const PER_SOURCE = 3;

interface Fault {
  readonly name: string;
  readonly apply: (gw: GatewayHarness, source: string) => void;
  readonly code: string;
}

const inject = (injection: FaultInjection) => (gw: GatewayHarness, source: string) =>
  gw.sims.get(source)!.faults.inject(injection);

const FAULTS: readonly Fault[] = [
  { name: "answers 503", apply: inject({ kind: "5xx", status: 503 }), code: "SOURCE_UNAVAILABLE" },
  { name: "hangs", apply: inject({ kind: "hang" }), code: "SOURCE_TIMEOUT" },
  {
    name: "answers 429 with Retry-After",
    apply: inject({ kind: "429", retryAfterSeconds: 7 }),
    code: "SOURCE_RATE_LIMITED",
  },
  { name: "sends a malformed body", apply: inject({ kind: "malformed" }), code: "SOURCE_BAD_RESPONSE" },
  { name: "drops the connection", apply: inject({ kind: "drop" }), code: "SOURCE_UNAVAILABLE" },
  {
    name: "answers slower than its timeout",
    apply: (gw, source) => gw.sims.get(source)!.faults.set({ latencyMs: TIMEOUT_MS * 2 }),
    code: "SOURCE_TIMEOUT",
  },
];

const DIRECTORY = `{
  ${vendors
    .map(
      (v) => `${aliasOf(v.kind)}: users(sources: ["${v.kind}"], first: ${PER_SOURCE}) {
    nodes { id groups { nodes { name } } permissions { level } }
  }`,
    )
    .join("\n")}
}`;

describe("the fault matrix", () => {
  let gw: GatewayHarness;
  beforeAll(async () => {
    gw = await startGateway({
      users: 5,
      // No retries (a 429's Retry-After is reported, not waited for) and no circuit breaker (each
      // case starts from a source that answered last time).
      sourceOverrides: Object.fromEntries(
        vendors.map((v) => [
          v.kind,
          { timeoutMs: TIMEOUT_MS, retries: 0, circuitBreaker: { failureThreshold: 0 } },
        ]),
      ),
    });
    // Sign-ins and first compilations happen here, not in the first case's timeout.
    const warm = await gw.gql(DIRECTORY);
    expect(warm.errors).toBeUndefined();
  });
  afterEach(() => {
    for (const sim of gw.sims.values()) sim.faults.clear();
  });
  afterAll(() => gw?.stop());

  for (const vendor of vendors)
    for (const fault of FAULTS)
      it(`names ${vendor.kind} with ${fault.code} when it ${fault.name}, and answers the others in full`, async () => {
        fault.apply(gw, vendor.kind);
        const { status, data, errors } =
          await gw.gql<Record<string, { nodes: Array<{ id: string }> }>>(DIRECTORY);
        expect(status).toBe(200);
        for (const other of vendors.filter((v) => v !== vendor))
          expect(data![aliasOf(other.kind)]!.nodes, other.kind).toHaveLength(PER_SOURCE);
        expect(errors?.length, JSON.stringify(errors)).toBeGreaterThan(0);
        for (const error of errors!) {
          expect(error.extensions).toMatchObject({ code: fault.code, source: vendor.kind });
          expect(error.path?.[0]).toBe(aliasOf(vendor.kind));
        }
        if (fault.code === "SOURCE_RATE_LIMITED") expect(errors![0]!.extensions!.retryAfter).toBe(7);
      });
});
