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
 * The Node flags the Docker image runs Rollcall with: its `NODE_OPTIONS`, then the flags its
 * `ENTRYPOINT` gives `node` before the script (V8 flags NODE_OPTIONS does not accept go there), so
 * the bench runs Rollcall (and the processes it is compared with) the way the image runs it. Read
 * from the Dockerfile itself, found upwards from this file (bench/lib/ when tested,
 * dist-bench/bench/lib/ when built), once per run: every gateway, script and replay a run starts
 * asks for them.
 */
export function imageNodeArgs(dockerfile: string = theDockerfile()): string[] {
  const stage = finalStage(dockerfile);
  const options = (envOf(stage).NODE_OPTIONS ?? "").split(/\s+/).filter(Boolean);
  const entrypoint = /^\s*ENTRYPOINT\s+(\[.*\])\s*$/m.exec(stage)?.[1];
  const argv = entrypoint ? (JSON.parse(entrypoint) as string[]) : [];
  const script = argv.findIndex((arg, i) => i > 0 && !arg.startsWith("-"));
  const flags = argv[0] === "node" ? argv.slice(1, script < 0 ? argv.length : script) : [];
  return [...options, ...flags];
}

/**
 * The environment the image sets for Rollcall besides `NODE_OPTIONS` (its flags, above), `NODE_ENV`
 * and `PORT` (the bench sets those itself): the allocator's settings (`MALLOC_*`), which move RSS.
 */
export function imageEnv(dockerfile: string = theDockerfile()): Record<string, string> {
  const { NODE_OPTIONS: _, NODE_ENV: __, PORT: ___, ...rest } = envOf(finalStage(dockerfile));
  return rest;
}

/** What follows the last FROM: the image that runs (all of it when there is no FROM). */
const finalStage = (dockerfile: string) => dockerfile.split(/^\s*FROM\s.*$/m).at(-1) ?? "";

/** Every `ENV key=value` of a stage (continued lines joined, comments left out, quotes removed). */
function envOf(stage: string): Record<string, string> {
  const env: Record<string, string> = {};
  const lines = stage.split("\n").filter((line) => !/^\s*#/.test(line));
  const joined = lines.join("\n").replace(/\\\n/g, " ");
  for (const [, body] of joined.matchAll(/^\s*ENV\s+(.*)$/gm))
    for (const [, key, quoted, plain] of (body as string).matchAll(
      /([A-Za-z_][A-Za-z0-9_]*)=(?:"([^"]*)"|(\S*))/g,
    ))
      env[key as string] = quoted ?? plain ?? "";
  return env;
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
