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

/** A config file in a fresh directory: JSON for a .json name, YAML otherwise. */
export async function writeConfig(name: string, config: unknown): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), "rollcall-check-")), name);
  await writeFile(path, name.endsWith(".json") ? JSON.stringify(config) : stringify(config));
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
