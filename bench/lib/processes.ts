import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";

/** A child process started for a benchmark, with the line it printed when ready. */
export interface Child {
  readonly process: ChildProcess;
  readonly ready: string;
  /** Resolves with the next stdout line matching `pattern` (after sending `signal`, if given). */
  nextLine(pattern: RegExp, signal?: NodeJS.Signals): Promise<string>;
  stop(): Promise<void>;
}

/**
 * Starts `node <script> ...args` and resolves once a stdout line matches `readyWhen`.
 * Benchmarked parts run in their own processes so each one's CPU and memory are its own.
 */
export function startChild(
  script: string,
  args: string[],
  readyWhen: RegExp,
  options: { env?: NodeJS.ProcessEnv; nodeArgs?: string[] } = {},
): Promise<Child> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), script, ...args], {
      env: { ...process.env, ...options.env },
      stdio: ["ignore", "pipe", "inherit"],
    });
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    let done = false;
    const timer = setTimeout(
      () => !done && reject(new Error(`${script} did not get ready in 120 s`)),
      120_000,
    );
    child.once(
      "exit",
      (code) => !done && reject(new Error(`${script} exited with ${code} before it was ready`)),
    );
    lines.on("line", (line) => {
      if (done || !readyWhen.test(line)) return;
      done = true;
      clearTimeout(timer);
      resolve({
        process: child,
        ready: line,
        nextLine: (pattern, signal) =>
          new Promise((found) => {
            const listen = (next: string) => {
              if (!pattern.test(next)) return;
              lines.off("line", listen);
              found(next);
            };
            lines.on("line", listen);
            if (signal) child.kill(signal);
          }),
        stop: () =>
          new Promise((r) => {
            if (child.exitCode !== null) return r();
            child.once("exit", () => r());
            child.kill("SIGTERM");
          }),
      });
    });
  });
}

/** After a full garbage collection in the gateway child (bench/processes/gateway.ts), in MiB. */
export async function memoryAfterGc(child: Child): Promise<{ rssMiB: number; heapUsedMiB: number }> {
  const line = await child.nextLine(/^MEM /, "SIGUSR2");
  const m = JSON.parse(line.slice(4)) as { rss: number; heapUsed: number };
  return { rssMiB: m.rss / 2 ** 20, heapUsedMiB: m.heapUsed / 2 ** 20 };
}

/** Resident memory of a process from /proc, in MiB: now and the peak so far (VmHWM). */
export function memoryOf(pid: number): { rssMiB: number; peakMiB: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kib = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, "m").exec(status)?.[1] ?? 0);
  return { rssMiB: kib("VmRSS") / 1024, peakMiB: kib("VmHWM") / 1024 };
}

/**
 * The Node flags of the Docker image's `NODE_OPTIONS`, so the bench runs Rollcall (and the
 * processes it is compared with) the way the image runs it. Read from the Dockerfile itself,
 * found upwards from this file (bench/lib/ when tested, dist-bench/bench/lib/ when built), once
 * per run: every gateway, script and replay a run starts asks for them.
 */
export function imageNodeArgs(dockerfile: string = theDockerfile()): string[] {
  const value = /^(?!\s*#).*?(?:^|\s)NODE_OPTIONS=(?:"([^"]*)"|(\S*))/m.exec(dockerfile);
  return (value?.[1] ?? value?.[2] ?? "").split(/\s+/).filter(Boolean);
}

let dockerfileText: string | undefined;
const theDockerfile = () => {
  dockerfileText ??= readFileSync(findUp("Dockerfile"), "utf8");
  return dockerfileText;
};

function findUp(name: string): string {
  for (let dir = dirname(new URL(import.meta.url).pathname); ; dir = dirname(dir)) {
    if (existsSync(join(dir, name))) return join(dir, name);
    if (dirname(dir) === dir) throw new Error(`${name} not found above ${import.meta.url}`);
  }
}
