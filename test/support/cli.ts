import { mkdtemp, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import type { CliIo } from "../../src/cli/cli-io.js";
import { runCli } from "../../src/cli/run-cli.js";

export interface Run {
  readonly status: number | "running";
  readonly stdout: string;
  readonly stderr: string;
}

/** `rollcall <args>` as the CLI runs it, in process. */
export async function rollcall(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
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

/** `rollcall check`'s table rows by source id: the columns after SOURCE. */
export function tableRows(stdout: string): Map<string, string[]> {
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

/**
 * A config file in a fresh directory: JSON for a .json name, YAML otherwise. Without a `store`
 * section, its store is a file in that directory (not ./data under the working directory).
 */
export async function writeConfig(name: string, config: unknown): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "rollcall-check-"));
  const path = join(dir, name);
  const withStore =
    config && typeof config === "object" && !("store" in config)
      ? { ...config, store: { url: `file:${join(dir, "rollcall.db")}` } }
      : config;
  await writeFile(path, name.endsWith(".json") ? JSON.stringify(withStore) : stringify(withStore));
  return path;
}

/** A loopback port nothing listens on. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
