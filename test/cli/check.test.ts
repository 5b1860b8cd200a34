/**
 * `rollcall check` run as the CLI runs it (argument parsing, config file, exit status, output),
 * against the vendor simulators over real HTTP.
 */
import { mkdtemp, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import type { CliIo } from "../../src/cli/cli-io.js";
import { runCli } from "../../src/cli/run-cli.js";
import type { SourceCheck } from "../../src/cli/source-checks.js";
import { person } from "../../src/simulator/people.js";
import type { SimServer } from "../../src/simulator/sim-server.js";
import { qacomplete } from "../../src/vendors/qacomplete/index.js";
import { qtest } from "../../src/vendors/qtest/index.js";
import { EXAMPLE_USER } from "../../src/vendors/qtest/simulator/seed.js";
import { squashTm } from "../../src/vendors/squash-tm/index.js";
import { testRail } from "../../src/vendors/testrail/index.js";
import { DEMO_EMAIL } from "../../src/vendors/testrail/simulator/state.js";
import { testResults } from "../../src/vendors/testresults/index.js";
import type { VendorModule } from "../../src/vendors/vendor-module.js";

/** A generated Squash TM admin (every 25th person is one); the seeded "admin" has the password "admin",
 *  which the report would redact wherever the word appears. */
const squashAdmin = person(24);

/** A secret that must never be printed, in any form. */
const WRONG_PASSWORD = "wr0ng-s3cret-never-printed";

interface Run {
  readonly status: number | "running";
  readonly stdout: string;
  readonly stderr: string;
}

async function rollcall(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    out: (text) => out.push(text),
    err: (text) => err.push(text),
    env,
    readStdin: async () => "",
  };
  const status = await runCli(args, io);
  return { status, stdout: out.join("\n"), stderr: err.join("\n") };
}

/** The table's rows by source id: the columns after SOURCE. */
function tableRows(stdout: string): Map<string, string[]> {
  const lines = stdout.split("\n");
  const start = lines.findIndex((l) => l.startsWith("SOURCE"));
  const rows = new Map<string, string[]>();
  for (const line of lines.slice(start + 1)) {
    if (line.trim() === "") break;
    const [source, ...cells] = line.split(/ {2,}/);
    rows.set((source ?? "").split(" ")[0] ?? "", cells);
  }
  return rows;
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("rollcall check", () => {
  const sims = new Map<string, SimServer>();
  let dir: string;
  const url = (kind: string) => sims.get(kind)?.url as string;
  const demo = (vendor: VendorModule, id: string, extra: Record<string, unknown> = {}) => ({
    ...vendor.simulator.demoSource(url(vendor.kind), id),
    ...extra,
  });
  const writeConfig = async (name: string, config: unknown) => {
    const path = join(dir, name);
    await writeFile(path, name.endsWith(".json") ? JSON.stringify(config) : stringify(config));
    return path;
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "rollcall-check-"));
    for (const vendor of [qtest, squashTm, qacomplete, testRail, testResults]) {
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
    const env = { TESTRAIL_PASSWORD: WRONG_PASSWORD, NODE_ENV: "test" };
    beforeAll(async () => {
      const path = await writeConfig("mixed.yaml", {
        sources: [
          demo(qtest, "qtest"),
          demo(squashTm, "squash", { auth: { username: squashAdmin.handle, password: "password" } }),
          demo(squashTm, "squash-token"),
          demo(qacomplete, "qac"),
          demo(testResults, "trio"),
          demo(testRail, "testrail", { auth: { username: DEMO_EMAIL, password: "${TESTRAIL_PASSWORD}" } }),
          demo(qtest, "qtest-plain", {
            auth: { username: EXAMPLE_USER.username, password: EXAMPLE_USER.password },
          }),
          demo(testRail, "gone", { baseUrl: `http://127.0.0.1:${await closedPort()}` }),
          demo(qacomplete, "qac-path", { baseUrl: `${url("qacomplete")}/not-the-root` }),
        ],
      });
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
      expect([...rows.keys()]).toEqual([
        "qtest",
        "squash",
        "squash-token",
        "qac",
        "trio",
        "testrail",
        "qtest-plain",
        "gone",
        "qac-path",
      ]);
      expect(run.stdout).toMatch(/\n4 of 9 sources have a problem\.$/);
    });

    it("shows working admin accounts as reachable, authenticated, with admin rights, and no problem", () => {
      for (const id of ["qtest", "squash", "qac", "trio"]) {
        const [reachable, authenticated, admin, latency, problem] = rows.get(id) ?? [];
        expect({ id, reachable, authenticated, admin, problem }).toEqual({
          id,
          reachable: "yes",
          authenticated: "yes",
          admin: "yes",
          problem: "-",
        });
        expect(latency).toMatch(/^\d+ ms$/);
      }
    });

    it("prints unknown admin rights where the vendor can't tell, with a note saying why, and no problem", () => {
      expect(rows.get("squash-token")?.slice(0, 3)).toEqual(["yes", "yes", "unknown"]);
      expect(rows.get("squash-token")?.[4]).toBe("-");
      expect(run.stdout).toContain(
        "squash-token: admin rights unknown: an API token: no Squash TM call names the token's own account",
      );
    });

    it("reports rejected credentials as not authenticated", () => {
      const [reachable, authenticated, admin, , problem] = rows.get("testrail") ?? [];
      expect([reachable, authenticated, admin]).toEqual(["yes", "no", "unknown"]);
      expect(problem).toMatch(
        /^SOURCE_AUTH_FAILED: Source "testrail" \(TestRail\) rejected Rollcall's credentials/,
      );
    });

    it("reports an account without admin rights, naming what the vendor said", () => {
      const [reachable, authenticated, admin, , problem] = rows.get("qtest-plain") ?? [];
      expect([reachable, authenticated, admin]).toEqual(["yes", "yes", "no"]);
      expect(problem).toBe(
        "NO_ADMIN_RIGHTS: Rollcall's account lacks Tricentis qTest Manager's admin rights for user management (GET /api/v3/admin-profiles/current: manage_client_user)",
      );
    });

    it("reports a base URL nothing answers on as unreachable, without asking the rest", () => {
      const [reachable, authenticated, admin, , problem] = rows.get("gone") ?? [];
      expect([reachable, authenticated, admin]).toEqual(["no", "-", "-"]);
      expect(problem).toMatch(
        /^SOURCE_UNAVAILABLE: Source "gone" \(TestRail\) is unreachable \(ECONNREFUSED\)/,
      );
    });

    it("reports a base URL that is not the instance root as the source's configuration problem", () => {
      const [reachable, authenticated, , , problem] = rows.get("qac-path") ?? [];
      expect([reachable, authenticated]).toEqual(["yes", "unknown"]);
      expect(problem).toContain("(HTTP 404)");
      expect(problem).toContain("check the source's configuration (its baseUrl)");
    });

    it("calls each source once (after its login, where it logs in)", () => {
      const calls = (kind: string) =>
        sims
          .get(kind)
          ?.log.list()
          .map((e) => `${e.method} ${e.path}`);
      expect(calls("qtest")?.sort()).toEqual([
        "GET /api/v3/admin-profiles/current",
        "GET /api/v3/admin-profiles/current",
        "POST /oauth/token",
      ]);
      expect(calls("squash-tm")?.sort()).toEqual(["GET /users", `GET /users/login/${squashAdmin.handle}`]);
      expect(calls("testresults")).toEqual(["POST /token/login", "GET /users/current"]);
      expect(calls("testrail")).toHaveLength(1);
    });

    it("never prints a configured secret, in any form", () => {
      const printed = run.stdout + run.stderr;
      const secrets = [
        WRONG_PASSWORD,
        Buffer.from(`${DEMO_EMAIL}:${WRONG_PASSWORD}`).toString("base64"),
        EXAMPLE_USER.password,
        Buffer.from(`${EXAMPLE_USER.username}:${EXAMPLE_USER.password}`).toString("base64"),
        ...[qtest, squashTm, qacomplete, testResults].flatMap((v) =>
          Object.entries(v.simulator.demoSource("http://x", "x").auth as Record<string, string>)
            .filter(([k]) => k !== "username" && k !== "email")
            .map(([, secret]) => secret),
        ),
      ];
      for (const secret of secrets) expect(printed).not.toContain(secret);
    });
  });

  it("scrubs what a vendor echoes of the credentials it was sent", async () => {
    const path = await writeConfig("echo.yaml", { sources: [demo(testRail, "testrail")] });
    const sent = testRail.simulator.demoSource("http://x", "x").auth as {
      username: string;
      password: string;
    };
    sims.get("testrail")?.faults.inject({ kind: "echo", status: 401, times: 1 });
    const run = await rollcall(["check", "--config", path]);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain("[redacted]");
    expect(run.stdout).not.toContain(sent.password);
    expect(run.stdout).not.toContain(Buffer.from(`${sent.username}:${sent.password}`).toString("base64"));
  });

  it("exits 0 and says so when every source can be used; --json gives the same findings", async () => {
    const path = await writeConfig("good.json", {
      sources: [demo(qtest, "qtest"), demo(testRail, "testrail"), demo(testResults, "trio")],
    });
    const table = await rollcall(["check", "--config", path]);
    expect(table.status).toBe(0);
    expect(table.stdout).toMatch(/\nAll 3 sources can be used\.$/);
    const json = await rollcall(["check", "--json"], { ROLLCALL_CONFIG: path });
    expect(json.status).toBe(0);
    const parsed = JSON.parse(json.stdout) as { ok: boolean; sources: SourceCheck[] };
    expect(parsed.ok).toBe(true);
    expect(parsed.sources.map((s) => [s.id, s.reachable, s.authenticated, s.admin, s.problem])).toEqual([
      ["qtest", true, true, true, null],
      ["testrail", true, true, true, null],
      ["trio", true, true, true, null],
    ]);
    expect(parsed.sources[1]?.adminBasis).toBe("get_current_user: is_admin");
  });

  it("reports what one call meets: a 5xx is not retried into a success", async () => {
    const path = await writeConfig("flaky.yaml", { sources: [demo(testRail, "testrail")] });
    sims.get("testrail")?.faults.inject({ kind: "5xx", times: 1 });
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
    const path = await writeConfig("broken.yaml", {
      sources: [
        demo(testRail, "testrail", { auth: { username: "${TR_USER}", password: "${TR_KEY}" } }),
        demo(qtest, "qtest", { baseUrl: "qtest.example.com" }),
      ],
    });
    for (const sim of sims.values()) sim.log.clear();
    const run = await rollcall(["check", "--config", path]);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr.split("\n")).toEqual([
      "Invalid Rollcall configuration:",
      '  - sources[0] (id "testrail").auth.username: environment variable TR_USER is not set',
      '  - sources[0] (id "testrail").auth.password: environment variable TR_KEY is not set',
      expect.stringMatching(/^ {2}- sources\[1\] \(id "qtest"\)\.baseUrl: has no scheme/),
    ]);
    expect([...sims.values()].reduce((n, s) => n + s.log.total, 0)).toBe(0);
  });

  it("refuses to run without a config, naming both ways to give one", async () => {
    const run = await rollcall(["check"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("pass --config <file> or set ROLLCALL_CONFIG");
  });
});
