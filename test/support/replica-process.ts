import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";

/**
 * Builds Rollcall into `outDir` (inside the repository, so its node_modules resolve), as
 * `npm run build` does: replica processes run what ships, not the test's transformed sources.
 */
export function buildRollcall(outDir: string): void {
  const tsc = join(process.cwd(), "node_modules", "typescript", "bin", "tsc");
  try {
    execFileSync(process.execPath, [tsc, "-p", "tsconfig.build.json", "--outDir", outDir], { stdio: "pipe" });
  } catch (error) {
    const { stdout } = error as { stdout?: Buffer };
    throw new Error(`the build for the replica processes failed:\n${stdout?.toString("utf8") ?? error}`);
  }
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
 * One `rollcall --config <file>` process of the build in `outDir`, serving once it logs its URL
 * (with `nodeArgs` before the script and `env` on top of the test's, when given).
 */
export async function startReplica(
  outDir: string,
  dir: string,
  name: string,
  config: unknown,
  options: { nodeArgs?: readonly string[]; env?: NodeJS.ProcessEnv } = {},
): Promise<ReplicaProcess> {
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
