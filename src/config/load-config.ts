import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import { parse as parseYaml } from "yaml";
import type { z } from "zod";
import { configSchema, type RollcallConfig } from "./config-schema.js";
import { InterpolationError, interpolate } from "./interpolate.js";

/** A config problem, naming the key: `sources[1].auth.password: environment variable X is not set`. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid Rollcall configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

function keyPath(path: ReadonlyArray<PropertyKey>, raw: unknown): string {
  let out = "";
  let node: unknown = raw;
  for (const part of path) {
    out += typeof part === "number" ? `[${part}]` : out ? `.${String(part)}` : String(part);
    node = node && typeof node === "object" ? (node as Record<PropertyKey, unknown>)[part] : undefined;
    // Name the source by id too, so "sources[2]" reads as the instance people know.
    if (typeof part === "number" && out.endsWith(`sources[${part}]`)) {
      const id = (node as { id?: unknown } | undefined)?.id;
      if (typeof id === "string") out += ` (id "${id}")`;
    }
  }
  return out || "(root)";
}

export function formatIssues(error: z.ZodError, raw: unknown): string[] {
  return error.issues.map((issue) => {
    const where = keyPath(issue.path, raw);
    if (issue.code === "unrecognized_keys") return `${where}: unknown key(s) ${issue.keys.join(", ")}`;
    return `${where}: ${issue.message}`;
  });
}

/** Validate an already-parsed config object (after `${VAR}` interpolation). */
export function parseConfig(raw: unknown, env: NodeJS.ProcessEnv = process.env): RollcallConfig {
  let expanded: unknown;
  try {
    expanded = interpolate(raw, env);
  } catch (error) {
    if (error instanceof InterpolationError) throw new ConfigError([error.message]);
    throw error;
  }
  const result = configSchema.safeParse(expanded);
  if (!result.success) throw new ConfigError(formatIssues(result.error, expanded));
  return result.data;
}

/** Read a YAML or JSON config file (by extension; YAML is a superset, so anything else is YAML). */
export async function loadConfigFile(
  path: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<RollcallConfig> {
  const text = await readFile(path, "utf8").catch((error: NodeJS.ErrnoException) => {
    throw new ConfigError([`cannot read config file ${path}: ${error.code ?? error.message}`]);
  });
  let raw: unknown;
  try {
    raw = extname(path) === ".json" ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new ConfigError([
      `${path} is not valid ${extname(path) === ".json" ? "JSON" : "YAML"}: ${(error as Error).message}`,
    ]);
  }
  return parseConfig(raw, env);
}
