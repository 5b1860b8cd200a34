import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/load-config.js";
import { configProblems } from "../support/config-problems.js";
import { anyVendor } from "../support/pick-vendor.js";

const source = anyVendor().simulator.demoSource("https://tool.example.com/tool", "src");

describe("server.federation", () => {
  it("is off by default: a standalone server", () => {
    expect(parseConfig({ sources: [source] }, {}).server.federation).toBe(false);
  });

  it("turns the subgraph on when true", () => {
    expect(parseConfig({ server: { federation: true }, sources: [source] }, {}).server.federation).toBe(true);
  });

  it("refuses anything but a boolean, naming the key", () => {
    const [problem] = configProblems({ server: { federation: "yes" }, sources: [source] });
    expect(problem).toMatch(/^server\.federation: /);
  });
});
