import { type ChildProcess, spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";

/** One JSON log line of the process (pino's: `msg`, `level`, and the line's own fields). */
export type LogLine = Record<string, unknown> & { msg?: string };

export interface ProcessExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/**
 * A `rollcall --config <file>` process whose signals and exit a spec watches: what a stop does is
 * told by its exit status and its log lines (test/support/replica-process.ts starts replicas that
 * are stopped and killed, and says nothing of how they exited).
 */
export interface ServingProcess {
  readonly url: string;
  /** What the plans' and snapshots' leases name of it: `#<pid>#`. */
  readonly pid: number;
  /** Its JSON log lines so far. */
  lines(): LogLine[];
  /** The first log line (so far or to come) that `matches`. */
  waitForLine(matches: (line: LogLine) => boolean): Promise<LogLine>;
  signal(signal: NodeJS.Signals): void;
  /** Resolves once it has exited, with how. */
  readonly exited: Promise<ProcessExit>;
}

/** Starts the build in `outDir` on `config` (written to `dir`), serving once it logs its URL. */
export async function startServing(
  outDir: string,
  dir: string,
  name: string,
  config: unknown,
): Promise<ServingProcess> {
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify(config));
  const child: ChildProcess = spawn(process.execPath, [join(outDir, "main.js"), "--config", file], {
    env: { ...process.env, NODE_ENV: "test" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const parsed: LogLine[] = [];
  const raw: string[] = [];
  const waiters = new Set<{ matches: (line: LogLine) => boolean; found: (line: LogLine) => void }>();
  const exited = new Promise<ProcessExit>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  let pending = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    pending += chunk.toString("utf8");
    const complete = pending.split("\n");
    pending = complete.pop() ?? "";
    for (const text of complete) {
      raw.push(text);
      let line: LogLine;
      try {
        line = JSON.parse(text) as LogLine;
      } catch {
        continue;
      }
      parsed.push(line);
      for (const waiter of waiters)
        if (waiter.matches(line)) {
          waiters.delete(waiter);
          waiter.found(line);
        }
    }
  });
  child.stderr?.on("data", (chunk: Buffer) => raw.push(chunk.toString("utf8")));

  const waitForLine = (matches: (line: LogLine) => boolean) => {
    const seen = parsed.find(matches);
    if (seen) return Promise.resolve(seen);
    return new Promise<LogLine>((resolve, reject) => {
      waiters.add({ matches, found: resolve });
      void exited.then(() => reject(new Error(`${name} exited first; its output:\n${raw.join("\n")}`)));
    });
  };
  const serving = await waitForLine((line) => typeof line.url === "string");
  return {
    url: serving.url as string,
    pid: child.pid as number,
    lines: () => [...parsed],
    waitForLine,
    signal: (signal) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    },
    exited,
  };
}
