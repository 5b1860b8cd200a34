/**
 * `rollcall check` run as the CLI runs it (argument parsing, config file, exit status, output),
 * against every registered vendor's simulator over real HTTP, signed in every way each vendor's
 * config takes. What one vendor says about its own account is that vendor's spec
 * (test/vendors/<kind>/); here, what the check does with it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SourceCheck } from "../../src/cli/source-checks.js";
import type { StoreCheck } from "../../src/cli/store-check.js";
import type { SimServer } from "../../src/simulator/sim-server.js";
import { vendors } from "../../src/vendors/registry.js";
import type { VendorModule } from "../../src/vendors/vendor-module.js";
import { closedPort, type Run, rollcall, tableRows, writeConfig } from "../support/cli.js";

/** A secret that must never be printed, in any form. */
const WRONG_PASSWORD = "wr0ng-s3cret-never-printed";
const IDENTITY = new Set(["username", "email"]);
const [first, second] = vendors as [VendorModule, VendorModule];

/** Shorter secrets are only scrubbed where they stand alone (README, "Errors"): a word may show. */
const SHORT = 8;

/** Every form of an auth block's secrets that must never be printed. */
function secretsOf(auth: Record<string, unknown>): string[] {
  const account = String(auth.username ?? auth.email ?? "");
  return Object.entries(auth)
    .filter((entry): entry is [string, string] => !IDENTITY.has(entry[0]) && typeof entry[1] === "string")
    .flatMap(([, secret]) => [
      ...(secret.length >= SHORT ? [secret] : []),
      Buffer.from(`${account}:${secret}`).toString("base64"),
    ]);
}
/** The auth block with every secret replaced by `value`. */
const withSecrets = (auth: Record<string, unknown>, value: string) =>
  Object.fromEntries(Object.entries(auth).map(([k, v]) => [k, IDENTITY.has(k) ? v : value]));

describe("rollcall check", () => {
  const sims = new Map<string, SimServer>();
  const url = (kind: string) => sims.get(kind)?.url as string;
  const demo = (vendor: VendorModule, id: string, extra: Record<string, unknown> = {}) => ({
    ...vendor.simulator.demoSource(url(vendor.kind), id),
    ...extra,
  });
  /** One source per way each vendor signs in: every one of them can be used. */
  const everyWay = (): Array<{ id: string } & Record<string, unknown>> =>
    vendors.flatMap((v) =>
      v.simulator.demoAuths.map((auth, i) => ({
        ...demo(v, `${v.kind}-${i + 1}`, { auth }),
        id: `${v.kind}-${i + 1}`,
      })),
    );

  beforeAll(async () => {
    for (const vendor of vendors) {
      const sim = vendor.simulator.create({ users: 25 });
      await sim.start();
      sims.set(vendor.kind, sim);
    }
  });
  afterAll(async () => {
    await Promise.all([...sims.values()].map((s) => s.stop()));
  });

  describe("a config with sources that work and sources that don't", () => {
    let run: Run;
    let rows: Map<string, string[]>;
    let configured: Array<{ id: string }>;
    const env = { WRONG_SECRET: WRONG_PASSWORD, NODE_ENV: "test" };
    beforeAll(async () => {
      configured = [
        ...everyWay(),
        demo(first, "wrong", { auth: withSecrets(first.simulator.demoAuths[0]!, "${WRONG_SECRET}") }),
        demo(first, "gone", { baseUrl: `http://127.0.0.1:${await closedPort()}` }),
        demo(first, "not-root", { baseUrl: `${url(first.kind)}/not-the-root` }),
      ] as Array<{ id: string }>;
      const path = await writeConfig("mixed.yaml", { sources: configured });
      for (const sim of sims.values()) sim.log.clear();
      run = await rollcall(["check", "--config", path], env);
      rows = tableRows(run.stdout);
    });

    it("exits 1 because some sources have a problem, and prints one row per source", () => {
      expect(run.status).toBe(1);
      expect(run.stderr).toBe("");
      expect(run.stdout.split("\n")[0]).toMatch(
        /^SOURCE +REACHABLE +AUTHENTICATED +ADMIN RIGHTS +LATENCY +PROBLEM$/,
      );
      expect([...rows.keys()]).toEqual(configured.map((s) => s.id));
      expect(run.stdout).toMatch(new RegExp(`\\n3 of ${configured.length} sources have a problem\\.$`));
    });

    it("shows every demo account as reachable and authenticated, its admin rights as the vendor says, and no problem", () => {
      for (const { id } of everyWay()) {
        const [reachable, authenticated, admin, latency, problem] = rows.get(id) ?? [];
        expect({ id, reachable, authenticated, problem }).toEqual({
          id,
          reachable: "yes",
          authenticated: "yes",
          problem: "-",
        });
        expect(["yes", "unknown"]).toContain(admin);
        // Where the vendor's answer can't tell, a note says why.
        if (admin === "unknown")
          expect(run.stdout).toMatch(new RegExp(`\\n {2}${id}: admin rights unknown: \\S`));
        expect(latency).toMatch(/^\d+ ms$/);
      }
    });

    it("reports rejected credentials as not authenticated", () => {
      const [reachable, authenticated, admin, , problem] = rows.get("wrong") ?? [];
      expect([reachable, authenticated, admin]).toEqual(["yes", "no", "unknown"]);
      expect(problem).toContain(
        `SOURCE_AUTH_FAILED: Source "wrong" (${first.vendor}) rejected Rollcall's credentials`,
      );
    });

    it("reports a base URL nothing answers on as unreachable, without asking the rest", () => {
      const [reachable, authenticated, admin, , problem] = rows.get("gone") ?? [];
      expect([reachable, authenticated, admin]).toEqual(["no", "-", "-"]);
      expect(problem).toContain(
        `SOURCE_UNAVAILABLE: Source "gone" (${first.vendor}) is unreachable (ECONNREFUSED)`,
      );
    });

    it("reports a base URL that is not the instance root as the source's configuration problem", () => {
      const [reachable, authenticated, , , problem] = rows.get("not-root") ?? [];
      expect([reachable, authenticated]).toEqual(["yes", "unknown"]);
      expect(problem).toContain("(HTTP 404)");
      expect(problem).toContain("check the source's configuration (its baseUrl)");
    });

    it("never prints a configured secret, in any form", () => {
      const printed = run.stdout + run.stderr;
      const secrets = [
        ...secretsOf({ ...first.simulator.demoAuths[0], password: WRONG_PASSWORD }),
        ...vendors.flatMap((v) => v.simulator.demoAuths.flatMap(secretsOf)),
      ];
      for (const secret of secrets) expect(printed).not.toContain(secret);
    });
  });

  it("scrubs what a vendor echoes of the credentials it was sent", async () => {
    const path = await writeConfig("echo.yaml", { sources: [demo(first, "src")] });
    sims.get(first.kind)?.faults.inject({ kind: "echo", status: 401, times: 1 });
    const run = await rollcall(["check", "--config", path]);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain("[redacted]");
    for (const secret of secretsOf(first.simulator.demoAuths[0]!)) expect(run.stdout).not.toContain(secret);
  });

  it("exits 0 and says so when every source can be used, calling each once (after its sign-in); --json gives the same findings", async () => {
    const sources = everyWay();
    const path = await writeConfig("good.json", { sources });
    for (const sim of sims.values()) sim.log.clear();
    const table = await rollcall(["check", "--config", path]);
    expect(table.status).toBe(0);
    expect(table.stdout).toMatch(new RegExp(`\\nAll ${sources.length} sources can be used\\.$`));
    expect(table.stdout).toMatch(
      /\nStore: SQLite at file:\S+rollcall\.db opens and its schema is up to date\.\n/,
    );
    for (const vendor of vendors)
      expect(sims.get(vendor.kind)!.log.calls(), vendor.kind).toHaveLength(vendor.simulator.demoAuths.length);
    const json = await rollcall(["check", "--json"], { ROLLCALL_CONFIG: path });
    expect(json.status).toBe(0);
    const parsed = JSON.parse(json.stdout) as { ok: boolean; sources: SourceCheck[]; store: StoreCheck };
    expect(parsed.ok).toBe(true);
    expect(parsed.store).toMatchObject({ engine: "sqlite", ok: true, problem: null });
    for (const [i, check] of parsed.sources.entries()) {
      expect([check.id, check.reachable, check.authenticated, check.problem]).toEqual([
        sources[i]!.id,
        true,
        true,
        null,
      ]);
      expect([true, null]).toContain(check.admin);
      expect(check.adminBasis).not.toBe("");
    }
  });

  it("reports what one call meets: a 5xx is not retried into a success", async () => {
    const path = await writeConfig("flaky.yaml", { sources: [demo(first, "src")] });
    sims.get(first.kind)?.faults.inject({ kind: "5xx", times: 1 });
    const run = await rollcall(["check", "--config", path, "--json"]);
    expect(run.status).toBe(1);
    const [source] = (JSON.parse(run.stdout) as { sources: SourceCheck[] }).sources;
    expect(source).toMatchObject({
      reachable: true,
      authenticated: null,
      problem: { code: "SOURCE_UNAVAILABLE" },
    });
    // The fault is spent: the next check passes.
    expect((await rollcall(["check", "--config", path])).status).toBe(0);
  });

  it("checks no source of an invalid config, and lists all its problems", async () => {
    const auth = first.simulator.demoAuths[0]!;
    const secretKey = Object.keys(auth).find((k) => !IDENTITY.has(k)) as string;
    const path = await writeConfig("broken.yaml", {
      sources: [
        demo(first, "first", { auth: { ...auth, [secretKey]: "${FIRST_SECRET}" } }),
        demo(second, "second", { baseUrl: "tool.example.com" }),
      ],
    });
    for (const sim of sims.values()) sim.log.clear();
    const run = await rollcall(["check", "--config", path]);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr.split("\n")).toEqual([
      "Invalid Rollcall configuration:",
      `  - sources[0] (id "first").auth.${secretKey}: environment variable FIRST_SECRET is not set`,
      expect.stringMatching(/^ {2}- sources\[1\] \(id "second"\)\.baseUrl: has no scheme/),
    ]);
    expect([...sims.values()].reduce((n, s) => n + s.log.total, 0)).toBe(0);
  });

  it("exits 1 when the store can't be opened, saying which store and why, never its password", async () => {
    const port = await closedPort();
    const path = await writeConfig("no-store.yaml", {
      sources: [demo(first, "src")],
      store: { url: `postgres://rollcall:${WRONG_PASSWORD}@127.0.0.1:${port}/rollcall` },
    });
    const run = await rollcall(["check", "--config", path]);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(
      `\nStore: Cannot open the store (PostgreSQL at postgres://rollcall:***@127.0.0.1:${port}/rollcall): connect ECONNREFUSED`,
    );
    expect(run.stdout).toMatch(/\nAll 1 sources can be used\. The store can't be used\.$/);
    const json = await rollcall(["check", "--config", path, "--json"]);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, store: { engine: "postgres", ok: false } });
    expect(run.stdout + json.stdout).not.toContain(WRONG_PASSWORD);
  });

  it("refuses to run without a config, naming both ways to give one", async () => {
    const run = await rollcall(["check"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("pass --config <file> or set ROLLCALL_CONFIG");
  });
});
