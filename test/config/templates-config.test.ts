import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/load-config.js";
import { configProblems } from "../support/config-problems.js";
import { anyVendor } from "../support/pick-vendor.js";

const source = anyVendor().simulator.demoSource("https://tool.example.com/tool", "main");

const problems = (raw: unknown) => configProblems(raw);

describe("onboarding templates in config", () => {
  it("are none by default, and a template's lists default to empty", () => {
    expect(parseConfig({ sources: [source] }, {}).templates).toEqual({});
    const { templates } = parseConfig(
      {
        sources: [source],
        templates: { "mobile-tester": { grants: [{ source: "main", project: "Mobile" }] } },
      },
      {},
    );
    expect(templates["mobile-tester"]).toEqual({
      grants: [{ source: "main", project: "Mobile" }],
      groups: [],
      teams: [],
    });
  });

  it("name every entry whose source is not configured, and every unknown key, by its path", () => {
    const found = problems({
      sources: [source],
      templates: {
        tester: {
          grants: [
            { source: "main", project: "Mobile", role: "Tester" },
            { source: "mian", project: "Web" },
          ],
          teams: [{ source: "other", team: "QA" }],
          groups: [{ source: "main", group: "QA", extra: true }],
        },
      },
    });
    expect(found).toEqual([
      expect.stringContaining("templates.tester.groups[0]"),
      'templates.tester.grants[1].source: names no configured source "mian" (sources: main)',
      'templates.tester.teams[0].source: names no configured source "other" (sources: main)',
    ]);
  });

  it("refuse an empty project name and a template name with spaces", () => {
    expect(
      problems({ sources: [source], templates: { t: { grants: [{ source: "main", project: " " }] } } }),
    ).toEqual([expect.stringContaining("templates.t.grants[0].project")]);
    expect(problems({ sources: [source], templates: { "mobile tester": {} } })).toEqual([
      expect.stringContaining("templates"),
    ]);
  });
});
