import { describe, expect, it } from "vitest";
import { parseConfig } from "../../../src/config/load-config.js";
import { testRail } from "../../../src/vendors/testrail/index.js";

describe("TestRail's documented rate limit", () => {
  it("defaults to TestRail Cloud's documented 180 a minute, and to none on a TestRail Server", () => {
    const cloud = testRail.simulator.demoSource("https://acme.testrail.io", "tr");
    const server = testRail.simulator.demoSource("https://testrail.acme.internal", "tr");
    const [parsedCloud, parsedServer] = parseConfig(
      { sources: [cloud, { ...server, id: "tr2" }] },
      {},
    ).sources;
    expect(testRail.documentedRequestsPerMinute?.(parsedCloud as never)).toBe(180);
    expect(testRail.documentedRequestsPerMinute?.(parsedServer as never)).toBeUndefined();
  });
});
