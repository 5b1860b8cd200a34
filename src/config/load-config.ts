import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import { parse as parseYaml } from "yaml";
import type { z } from "zod";
import { configSchema, type RollcallConfig } from "./config-schema.js";
import { applyEnvironmentDefaults } from "./environment-defaults.js";
import { interpolate } from "./interpolate.js";

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

/** A problem whose key path equals `prefix` or lies under it. */
const within = (path: ReadonlyArray<PropertyKey>, prefix: ReadonlyArray<PropertyKey>) =>
  prefix.length <= path.length && prefix.every((part, i) => part === path[i]);

export function formatIssues(
  error: z.ZodError,
  raw: unknown,
  skip: ReadonlyArray<ReadonlyArray<PropertyKey>> = [],
): string[] {
  return error.issues
    .filter((issue) => !skip.some((prefix) => within(issue.path, prefix)))
    .map((issue) => {
      const where = keyPath(issue.path, raw);
      if (issue.code === "unrecognized_keys") return `${where}: unknown key(s) ${issue.keys.join(", ")}`;
      return `${where}: ${issue.message}`;
    });
}

/**
 * Validate an already-parsed config object, expanding `${VAR}` first. Every problem is reported at
 * once: each missing environment variable, then what the schema finds wrong elsewhere (a key whose
 * variable is missing is reported once, as the missing variable, not again as an empty value).
 * `env` also decides the defaults that differ under NODE_ENV=production (environment-defaults.ts).
 */
export function parseConfig(raw: unknown, env: NodeJS.ProcessEnv = process.env): RollcallConfig {
  const { value: expanded, missing } = interpolate(raw, env);
  const problems = missing.map(
    (m) => `${keyPath(m.path, expanded)}: environment variable ${m.variable} is not set`,
  );
  const result = configSchema.safeParse(expanded);
  if (!result.success)
    problems.push(
      ...formatIssues(
        result.error,
        expanded,
        missing.map((m) => m.path),
      ),
    );
  if (problems.length > 0 || !result.success) throw new ConfigError(problems);
  const decided = applyEnvironmentDefaults(result.data, env);
  if (decided.problems.length > 0) throw new ConfigError(decided.problems);
  return decided.config;
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
