import { describe, expect, it } from "vitest";
import { renderChecks } from "../../src/cli/check-report.js";
import type { SourceCheck } from "../../src/cli/source-checks.js";

const check = (over: Partial<SourceCheck>): SourceCheck => ({
  id: "tr",
  kind: "acme-tms",
  vendor: "Acme TMS",
  reachable: true,
  authenticated: true,
  admin: true,
  adminBasis: "GET /me: is_admin",
  latencyMs: 12,
  problem: null,
  ...over,
});

describe("the check report", () => {
  it("prints a row per source, '-' for what an unreachable source was never asked, and a verdict", () => {
    const text = renderChecks([
      check({}),
      check({ id: "qt", kind: "bugle", admin: null, adminBasis: "no flag", latencyMs: 3 }),
      check({
        id: "gone",
        reachable: false,
        authenticated: null,
        admin: null,
        adminBasis: null,
        latencyMs: 1,
        problem: { code: "SOURCE_UNAVAILABLE", message: "unreachable" },
      }),
    ]);
    expect(text.split("\n")).toEqual([
      "SOURCE           REACHABLE  AUTHENTICATED  ADMIN RIGHTS  LATENCY  PROBLEM",
      "tr (acme-tms)    yes        yes            yes           12 ms    -",
      "qt (bugle)       yes        yes            unknown       3 ms     -",
      "gone (acme-tms)  no         -              -             1 ms     SOURCE_UNAVAILABLE: unreachable",
      "",
      "Notes:",
      "  qt: admin rights unknown: no flag",
      "",
      "1 of 3 sources have a problem.",
    ]);
  });
});
