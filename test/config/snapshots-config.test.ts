import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/load-config.js";
import { configProblems } from "../support/config-problems.js";
import { anyVendor } from "../support/pick-vendor.js";

const source = anyVendor().simulator.demoSource("https://tool.example.com/tool", "src");

describe("the snapshots' configuration", () => {
  it("takes no snapshot on its own and keeps every snapshot unless told otherwise", () => {
    expect(parseConfig({ sources: [source] }, {}).snapshots).toEqual({
      schedule: null,
      keepLast: 0,
      keepDays: 0,
    });
  });

  it("takes a cron schedule, a time zone, and how many or how long to keep", () => {
    const config = parseConfig(
      {
        sources: [source],
        snapshots: { schedule: "0 2 * * *", timezone: "Europe/Paris", keepLast: 30, keepDays: 90 },
      },
      {},
    );
    expect(config.snapshots).toEqual({
      schedule: "0 2 * * *",
      timezone: "Europe/Paris",
      keepLast: 30,
      keepDays: 90,
    });
  });

  it("names the key of each bad setting", () => {
    expect(
      configProblems({
        sources: [source],
        snapshots: {
          schedule: "at two",
          timezone: "Mars/Olympus",
          keepLast: -1,
          keepDays: 1.5,
          every: "day",
        },
      }),
    ).toEqual(
      expect.arrayContaining([
        'snapshots.schedule: must be a cron expression, e.g. "0 2 * * *" (every day at 02:00)',
        "snapshots.timezone: must be an IANA time zone, e.g. Europe/Paris",
        expect.stringMatching(/^snapshots\.keepLast: /),
        expect.stringMatching(/^snapshots\.keepDays: /),
        "snapshots: unknown key(s) every",
      ]),
    );
  });
});
