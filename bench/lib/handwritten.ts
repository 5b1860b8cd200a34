import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Child, imageEnv, imageNodeArgs, startChild } from "./processes.js";
import type { Simulators } from "./stack.js";

const DIST = new URL("../../", import.meta.url).pathname; // dist-bench/

export interface Handwritten {
  readonly child: Child;
  /** Where to POST (any body): answers with the JSON the gateway gives for MID_SIZED. */
  readonly url: string;
}

/** The hand-written baseline (bench/processes/handwritten.ts) in its own process, against the simulators. */
export async function startHandwritten(sims: Simulators): Promise<Handwritten> {
  const file = join(tmpdir(), `rollcall-bench-${process.pid}-handwritten.json`);
  writeFileSync(file, JSON.stringify({ sources: sims.sources }));
  // With the image's Node flags, like the gateway: the comparison is between programs, not GC settings.
  const child = await startChild(join(DIST, "bench/processes/handwritten.js"), [file], /^READY http:\/\//, {
    nodeArgs: imageNodeArgs(),
    env: imageEnv(),
  });
  return { child, url: child.ready.slice("READY ".length) };
}
