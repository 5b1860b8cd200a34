/**
 * `rollcall plan` and `rollcall apply` run as the CLI runs them (argument parsing, config file, the
 * connectors and store in process, exit status, output) against the simulators over real HTTP: a
 * desired state with an exclusive project printed as a diff and stored, applied while the source
 * refuses writes (its steps fail, exit 1), applied again once it takes them (exit 0), then planned
 * to nothing. The example file plans against every simulated vendor without a problem.
 */
import { readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { vendorFor } from "../../src/vendors/registry.js";
import { type Run, rollcall, writeConfig } from "../support/cli.js";
import {
  type ExclusiveProjectFile,
  exclusiveProjectFile,
  holdersOf,
  NEWCOMER,
} from "../support/desired-state.js";
import { type GatewayHarness, startGateway } from "../support/gateway-harness.js";

const EXAMPLE = new URL("../../examples/access/mobile-team.yaml", import.meta.url).pathname;
const WRITES = ["POST", "PUT", "PATCH", "DELETE"];
const ENV = { NODE_ENV: "test", ROLLCALL_INITIAL_PASSWORD: "Welcome-2-access-as-code" };

/** The plan id `rollcall plan` printed. */
const planIdOf = (run: Run) => /Stored as plan (\S+?)\.?(\s|$)/.exec(run.stdout)?.[1] as string;

describe("rollcall plan and rollcall apply", () => {
  let gw: GatewayHarness;
  let config: string;
  let file: ExclusiveProjectFile;
  let fileAt: string;

  beforeAll(async () => {
    // The simulators, read through a gateway of their own; the CLI runs its own against them.
    gw = await startGateway({ users: 30 });
    const sources = [...gw.sims].map(([id, sim]) => vendorFor(id)?.simulator.demoSource(sim.url, id));
    config = await writeConfig("rollcall.yaml", { sources });
    file = await exclusiveProjectFile(gw);
    fileAt = join(dirname(config), "desired.yaml");
    await writeFile(fileAt, file.text);
  });
  afterAll(async () => {
    await gw?.stop();
  });

  let planned: Run;
  let planId: string;

  it("prints the plan per source as + / - / ~ lines, stores it and prints its id", async () => {
    const out = join(dirname(config), "plan.json");
    planned = await rollcall(["plan", fileAt, "--config", config, "--out", out], ENV);
    expect(planned.stderr).toBe("");
    expect(planned.status).toBe(0);
    planId = planIdOf(planned);
    const lines = planned.stdout.split("\n");
    expect(lines[0]).toMatch(
      new RegExp(`^Plan ${planId}: desired state of 4 people, 1 exclusive project: \\d+ steps$`),
    );
    expect(lines).toContain(file.sourceId);

    const name = file.project.name;
    const [, change, outsider] = [...file.listed.keys()];
    const roles = await holdersOf(gw, file.project.id);
    for (const email of file.unlisted)
      expect(lines.some((l) => l.startsWith(`  - ${email} on ${name}: ${roles.get(email)}  [s`))).toBe(true);
    expect(
      lines.some((l) => l.startsWith(`  ~ ${change} on ${name}: ${roles.get(change as string)} → `)),
    ).toBe(true);
    expect(
      lines.some((l) => l.startsWith(`  + ${outsider} on ${name}: ${file.listed.get(outsider as string)}`)),
    ).toBe(true);
    const create = lines.find((l) => l.startsWith(`  + account ${NEWCOMER}  [`));
    const createId = /\[(s\d+)\]/.exec(create ?? "")?.[1];
    expect(
      lines.some((l) => l.startsWith(`  + ${NEWCOMER} on ${name}: `) && l.endsWith(`after ${createId}]`)),
    ).toBe(true);
    expect(planned.stdout).toContain(
      `to take away).\n\nStored as plan ${planId}. Apply it with: rollcall apply ${planId}`,
    );

    // --out holds the plan as stored, and the store holds it too (apply finds it below).
    const written = JSON.parse(await readFile(out, "utf8")) as { id: string; kind: string; steps: unknown[] };
    expect(written).toMatchObject({ id: planId, kind: "ACCESS", createdBy: "cli" });
    expect(written.steps).toHaveLength(lines.filter((l) => /^ {2}[-+~] .*\[s\d+/.test(l)).length);
  });

  it("applies it, failing the steps of a source that refuses writes: exit 1, what failed said", async () => {
    const sim = gw.sims.get(file.sourceId);
    sim?.faults.inject({ kind: "5xx", methods: WRITES });
    let run: Run;
    try {
      run = await rollcall(["apply", planId, "--config", config], ENV);
    } finally {
      sim?.faults.clear();
    }
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/: FAILED \(SOURCE_UNAVAILABLE: /);
    expect(run.stdout).toContain(`\nPARTIAL: `);
    expect(run.stdout).toContain(`Apply again to retry what failed: rollcall apply ${planId}`);
  });

  it("applies it again once the source takes writes: exit 0, each step's outcome, the live state the file's", async () => {
    const run = await rollcall(["apply", planId, "--config", config], ENV);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const stepLines = run.stdout.split("\n").filter((l) => /^ {2}s\d+ /.test(l));
    expect(stepLines.length).toBeGreaterThan(0);
    for (const line of stepLines) expect(line).toMatch(/: (applied|skipped: already so)( \(.*\))?$/);
    expect(run.stdout).toMatch(
      /\nAPPLIED: \d+ applied, \d+ already so, 0 failed, 0 not run, 0 not possible\.$/,
    );

    const after = await holdersOf(gw, file.project.id);
    expect(new Map([...after].map(([email, role]) => [email, role?.toLowerCase()]))).toEqual(
      new Map([...file.listed].map(([email, role]) => [email, role.toLowerCase()])),
    );
  });

  it("plans nothing once the live state is the file's", async () => {
    const run = await rollcall(["plan", fileAt, "--config", config], ENV);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("\nNothing to do: the live state is as the file says.\n");
    expect(run.stdout).toMatch(/Stored as plan \S+\.$/);
  });

  it("says there is no such plan, and exits 1", async () => {
    const run = await rollcall(["apply", "no-such-plan", "--config", config], ENV);
    expect(run).toMatchObject({ status: 1, stdout: "" });
    expect(run.stderr).toContain('rollcall apply: there is no plan "no-such-plan"');
  });

  it("names each problem of a file by its place, stores nothing and exits 1", async () => {
    const wrong = join(dirname(config), "wrong.yaml");
    await writeFile(
      wrong,
      file.text.replace(`project: ${file.project.name}\n    exclusive`, "project: Nope\n    exclusive"),
    );
    const run = await rollcall(["plan", wrong, "--config", config], ENV);
    expect(run).toMatchObject({ status: 1, stdout: "" });
    expect(run.stderr).toContain(
      `${wrong}: invalid desired state:\n  - projects[0].project (line 3): "Nope" is not a project`,
    );
  });

  it("plans the example file against every simulated vendor without a problem in it", async () => {
    const run = await rollcall(["plan", EXAMPLE, "--config", config], ENV);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Plan \S+: desired state of \d+ people, 1 exclusive project: /);
  });

  it("wants a file, a config, and no stray argument", async () => {
    expect(await rollcall(["plan"], {})).toMatchObject({ status: 2 });
    expect((await rollcall(["plan", fileAt], {})).stderr).toContain(
      "no config: pass --config <file> or set ROLLCALL_CONFIG",
    );
    expect((await rollcall(["apply", "a", "b", "--config", config], {})).stderr).toContain(
      'unexpected argument "b"',
    );
  });

  it("documents both commands in --help", async () => {
    const plan = await rollcall(["plan", "--help"]);
    expect(plan.status).toBe(0);
    expect(plan.stdout).toMatch(/^Usage: rollcall plan <desired-state file>/);
    const apply = await rollcall(["apply", "--help"]);
    expect(apply.stdout).toMatch(/^Usage: rollcall apply <plan id>/);
    expect(apply.stdout).toContain('caller "cli" and operation "applyPlan"');
    expect((await rollcall(["--help"])).stdout).toContain("rollcall plan <file>");
  });
});
