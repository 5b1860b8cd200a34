/**
 * While the demo runs, the commands that work on sources from the command line (`rollcall plan`,
 * `rollcall apply`, `rollcall check`) reach its simulators through this config: their sources and
 * the demo's store, written where the demo keeps its memory. Its simulators' credentials are the
 * simulators' own (nothing real), and they die with the process.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { stringify } from "yaml";
import { DEMO_STORE_URL } from "./demo-config.js";
import type { DemoSimulators } from "./start-demo.js";

export const DEMO_CLI_CONFIG = "data/rollcall-demo.yaml";

export async function writeDemoCliConfig(
  simulators: DemoSimulators,
  path = DEMO_CLI_CONFIG,
): Promise<string> {
  await mkdir(dirname(path), { recursive: true });
  const header =
    "# Written by the demo for the command line (rollcall plan/apply/check --config this file): valid while it runs.\n";
  await writeFile(path, header + stringify({ sources: simulators.sources, store: { url: DEMO_STORE_URL } }));
  return path;
}
