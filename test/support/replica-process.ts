import { type ChildProcess, execFile, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { promisify } from "node:util";
import pg from "pg";
import { inject } from "vitest";
import { newApiKey } from "../../src/server/api-keys.js";
import type { SimServer } from "../../src/simulator/sim-server.js";
import { vendors } from "../../src/vendors/registry.js";
import { postgresTarget, type StorePlace } from "./store-targets.js";

const execFileAsync = promisify(execFile);

/**
 * This test run's build of Rollcall, as `npm run build` makes it: replica processes run what
 * ships, not the test's transformed sources. Built once a run (into the folder test/global-setup.ts
 * names, emptied when watch mode reruns) by the first spec file that asks; the others, in any
 * worker, wait for that build.
 */
export function builtRollcall(): Promise<string> {
  return buildOnce(inject("rollcallBuildDir"));
}

/** Whoever makes the lock folder builds; the others wait until the build is there or the lock gone. */
async function buildOnce(outDir: string): Promise<string> {
  const lock = `${outDir}.lock`;
  for (;;) {
    if (existsSync(outDir)) return outDir;
    if (tookLock(lock)) {
      try {
        if (!existsSync(outDir)) await build(outDir);
      } finally {
        rmSync(lock, { recursive: true, force: true });
      }
      return outDir;
    }
    await sleep(200);
  }
}

function tookLock(lock: string): boolean {
  try {
    mkdirSync(lock);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
}

/** Compiles into a side folder renamed into place: a folder at `outDir` is always a whole build. */
async function build(outDir: string): Promise<void> {
  const partial = `${outDir}.partial`;
  rmSync(partial, { recursive: true, force: true });
  const tsc = join(process.cwd(), "node_modules", "typescript", "bin", "tsc");
  try {
    await execFileAsync(process.execPath, [tsc, "-p", "tsconfig.build.json", "--outDir", partial]);
  } catch (error) {
    const { stdout } = error as { stdout?: string };
    throw new Error(`the build for the replica processes failed:\n${stdout || error}`);
  }
  renameSync(partial, outDir);
}

export interface ReplicaProcess {
  readonly url: string;
  readonly logs: readonly string[];
  /** The process id (what a plan's lease names of the replica holding it). */
  readonly pid: number;
  stop(): Promise<void>;
  /** Kills it at once (SIGKILL): no shutdown, nothing let go, as a crashed host would. */
  kill(): Promise<void>;
}

/**
 * One `rollcall --config <file>` process of this run's build (its config written in `dir`), serving
 * once it logs its URL (with `nodeArgs` before the script and `env` on top of the test's, when given).
 */
export async function startReplica(
  dir: string,
  name: string,
  config: unknown,
  options: { nodeArgs?: readonly string[]; env?: NodeJS.ProcessEnv } = {},
): Promise<ReplicaProcess> {
  const outDir = await builtRollcall();
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify(config));
  const args = [...(options.nodeArgs ?? []), join(outDir, "main.js"), "--config", file];
  const child: ChildProcess = spawn(process.execPath, args, {
    env: { ...process.env, NODE_ENV: "test", ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const logs: string[] = [];
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    let pending = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      pending += chunk.toString("utf8");
      const lines = pending.split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) {
        logs.push(line);
        const found = /"url":"([^"]+)"/.exec(line)?.[1];
        if (found) resolve(found);
      }
    });
    child.stderr?.on("data", (chunk: Buffer) => logs.push(chunk.toString("utf8")));
    void exited.then(() => reject(new Error(`replica ${name} exited before serving:\n${logs.join("\n")}`)));
  });
  return {
    url,
    logs,
    pid: child.pid as number,
    async kill() {
      if (child.exitCode === null) child.kill("SIGKILL");
      await exited;
    },
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}

/** One GraphQL operation sent to a replica with an API key: its data, or a throw with its errors. */
export async function askReplica<T>(
  replica: ReplicaProcess,
  key: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const response = await fetch(replica.url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
    body: JSON.stringify({ query, variables }),
  });
  const { data, errors } = (await response.json()) as { data?: T; errors?: unknown[] };
  if (errors || !data) throw new Error(JSON.stringify(errors));
  return data;
}

/** Replicas of one config sharing one PostgreSQL store, over every vendor's simulator. */
export interface ReplicasOnPostgres<Key extends string = never> {
  /** The bearer of each API key the replicas accept, by the key's name. */
  readonly keys: Readonly<Record<Key, string>>;
  /** The replicas started, in order of their start. */
  readonly replicas: ReplicaProcess[];
  /** Simulators by vendor kind, which is each one's source id. */
  readonly sims: ReadonlyMap<string, SimServer>;
  /** The config every replica is started with. */
  readonly config: { readonly store: unknown; readonly sources: unknown[] } & Record<string, unknown>;
  /** Starts one more replica of that config (added to `replicas`). */
  start(name: string): Promise<ReplicaProcess>;
  /** The rows a SQL statement answers in the store's schema, beside the replicas. */
  sql<T>(statement: string, values?: unknown[]): Promise<T[]>;
  /** Forgets what each simulator has logged. */
  clearLogs(): void;
  /** Stops the replicas and the simulators, drops the store's schema, removes the config files. */
  stop(): Promise<void>;
}

export interface ReplicasOnPostgresOptions<Key extends string> {
  /** How many users each vendor's simulator holds. */
  readonly users: number;
  /** More of a source's config, by its vendor kind (a small page size, say). */
  readonly source?: (kind: string) => Record<string, unknown>;
  /** `store.jobs`: short leases and polls, so a test waits seconds, not minutes. */
  readonly jobs: {
    readonly leaseSeconds: number;
    readonly pollSeconds: number;
    readonly waitSeconds: number;
  };
  /** The API keys the replicas accept (`auth.apiKeys`): each one's scope by its name, a new key each. */
  readonly apiKeys?: Readonly<Record<Key, "read" | "write">>;
  /** More of the config (`snapshots`, say). */
  readonly config?: Record<string, unknown>;
  /** The replicas started now, one after the other (the first creates the job engine's schema). */
  readonly start?: readonly string[];
}

/**
 * A fresh schema of the test PostgreSQL server, every vendor's simulator, and Rollcall processes of
 * one config on them (by default two, `a` then `b`): the setting of the specs in which one replica
 * takes over the work of another.
 */
export async function startReplicasOnPostgres<Key extends string = never>(
  options: ReplicasOnPostgresOptions<Key>,
): Promise<ReplicasOnPostgres<Key>> {
  const target = postgresTarget();
  const dir = mkdtempSync(join(tmpdir(), "rollcall-replicas-on-postgres-"));
  const sims = new Map<string, SimServer>(
    vendors.map((v) => [v.kind, v.simulator.create({ users: options.users })]),
  );
  const replicas: ReplicaProcess[] = [];
  const apiKeys = Object.entries<"read" | "write">(options.apiKeys ?? {}).map(
    ([name, scope]) => [name, scope, newApiKey()] as const,
  );
  let place: StorePlace | undefined;
  const stop = async () => {
    await Promise.all(replicas.map((r) => r.stop()));
    await Promise.all([...sims.values()].map((s) => s.stop()));
    await place?.drop();
    await target.close();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    place = await target.fresh();
    const sources = await Promise.all(
      vendors.map(async (v) => ({
        ...v.simulator.demoSource(await (sims.get(v.kind) as SimServer).start(), v.kind),
        ...options.source?.(v.kind),
      })),
    );
    const store = { url: place.url, jobs: options.jobs };
    const config = {
      server: { port: 0, host: "127.0.0.1", overload: { maxEventLoopDelayMs: 0 } },
      logging: { level: "info" },
      ...(apiKeys.length > 0 && {
        auth: { apiKeys: apiKeys.map(([name, scope, key]) => ({ name, scope, sha256: key.sha256 })) },
      }),
      store,
      sources,
      ...options.config,
    };
    const url = place.url;
    const started: ReplicasOnPostgres<Key> = {
      keys: Object.fromEntries(apiKeys.map(([name, , key]) => [name, key.key])) as Record<Key, string>,
      replicas,
      sims,
      config,
      async start(name) {
        const replica = await startReplica(dir, name, config);
        replicas.push(replica);
        return replica;
      },
      async sql<T>(statement: string, values: unknown[] = []) {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        try {
          return (await client.query(statement, values)).rows as T[];
        } finally {
          await client.end();
        }
      },
      clearLogs() {
        for (const sim of sims.values()) sim.log.clear();
      },
      stop,
    };
    for (const name of options.start ?? ["a", "b"]) await started.start(name);
    return started;
  } catch (error) {
    await stop();
    throw error;
  }
}
