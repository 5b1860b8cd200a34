import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/load-config.js";
import { configProblems } from "../support/config-problems.js";
import { anyVendor } from "../support/pick-vendor.js";

const source = anyVendor().simulator.demoSource("https://tool.example.com/tool", "src");

const problems = (raw: unknown) => configProblems(raw);

/** How plans go through the job engine on PostgreSQL, unless told otherwise. */
const JOBS = { leaseSeconds: 60, pollSeconds: 2, waitSeconds: 25 };

describe("the store's configuration", () => {
  it("keeps an embedded file under ./data and audit events 400 days unless told otherwise", () => {
    const config = parseConfig({ sources: [source] }, {});
    expect(config.store).toEqual({ url: "file:./data/rollcall.db", auditRetentionDays: 400, jobs: JOBS });
  });

  it("takes a PostgreSQL URL, a file, a plain path or :memory:, and 0 days to keep events forever", () => {
    for (const url of [
      "postgres://rollcall@db:5432/rollcall",
      "postgresql://rollcall:pw@db/rollcall",
      "file:/var/lib/rollcall/rollcall.db",
      "./state/rollcall.db",
      ":memory:",
    ]) {
      const config = parseConfig({ sources: [source], store: { url, auditRetentionDays: 0 } }, {});
      expect(config.store).toEqual({ url, auditRetentionDays: 0, jobs: JOBS });
    }
  });

  it("takes the job engine's schema, lease, poll and wait, and names each bad one", () => {
    const jobs = { schema: "rollcall_jobs", leaseSeconds: 5, pollSeconds: 0.5, waitSeconds: 0 };
    expect(parseConfig({ sources: [source], store: { jobs } }, {}).store.jobs).toEqual(jobs);
    expect(
      problems({
        sources: [source],
        store: { jobs: { schema: "Jobs; drop", leaseSeconds: 0, pollSeconds: 0.1, waitSeconds: -1, x: 1 } },
      }),
    ).toEqual(
      expect.arrayContaining([
        "store.jobs.schema: must be a lower-case SQL name: letters, digits, _",
        expect.stringMatching(/^store\.jobs\.leaseSeconds: /),
        expect.stringMatching(/^store\.jobs\.pollSeconds: /),
        expect.stringMatching(/^store\.jobs\.waitSeconds: /),
        "store.jobs: unknown key(s) x",
      ]),
    );
  });

  it("names the key of each bad setting, never echoing a URL's password", () => {
    const found = problems({
      sources: [source],
      store: { url: "mysql://root:hunter2-secret@db/rollcall", auditRetentionDays: -1, engine: "x" },
    });
    expect(found).toEqual(
      expect.arrayContaining([
        "store.url: must be postgres://…, postgresql://…, file:…, a path or :memory:",
        expect.stringMatching(/^store\.auditRetentionDays: /),
        "store: unknown key(s) engine",
      ]),
    );
    expect(found.join("\n")).not.toContain("hunter2-secret");
    expect(problems({ sources: [source], store: { url: " " } })).toEqual([
      expect.stringMatching(/^store\.url: /),
    ]);
  });
});
