import { describe, expect, it } from "vitest";
import { configuredSecrets, redactCheck, renderChecks } from "../../src/cli/check-report.js";
import type { SourceCheck } from "../../src/cli/source-checks.js";
import { parseConfig } from "../../src/config/load-config.js";

const config = parseConfig(
  {
    sources: [
      {
        id: "tr",
        kind: "testrail",
        baseUrl: "https://tr.example.com",
        auth: { username: "me@example.com", password: "api-key-1234567" },
      },
      { id: "qt", kind: "qtest", baseUrl: "https://qt.example.com", auth: { token: "qtest-token-abcdef" } },
    ],
  },
  {},
);

const check = (over: Partial<SourceCheck>): SourceCheck => ({
  id: "tr",
  kind: "testrail",
  vendor: "TestRail",
  reachable: true,
  authenticated: true,
  admin: true,
  adminBasis: "get_current_user: is_admin",
  latencyMs: 12,
  problem: null,
  ...over,
});

describe("the check report", () => {
  it("scrubs every configured secret, and the Basic header made of it, from what a vendor said", () => {
    const basic = Buffer.from("me@example.com:api-key-1234567").toString("base64");
    const echoed = check({
      problem: {
        code: "SOURCE_AUTH_FAILED",
        message: `bad key api-key-1234567 (Basic ${basic}); token qtest-token-abcdef`,
      },
      adminBasis: "saw qtest-token-abcdef",
    });
    const shown = redactCheck(echoed, configuredSecrets(config));
    expect(shown.problem?.message).toBe("bad key [redacted] (Basic [redacted]); token [redacted]");
    expect(shown.adminBasis).toBe("saw [redacted]");
    expect(configuredSecrets(config)).not.toContain("me@example.com");
  });

  it("prints a row per source, '-' for what an unreachable source was never asked, and a verdict", () => {
    const text = renderChecks([
      check({}),
      check({ id: "qt", kind: "qtest", admin: null, adminBasis: "no flag", latencyMs: 3 }),
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
      "tr (testrail)    yes        yes            yes           12 ms    -",
      "qt (qtest)       yes        yes            unknown       3 ms     -",
      "gone (testrail)  no         -              -             1 ms     SOURCE_UNAVAILABLE: unreachable",
      "",
      "Notes:",
      "  qt: admin rights unknown: no flag",
      "",
      "1 of 3 sources have a problem.",
    ]);
  });
});
