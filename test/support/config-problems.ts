import { ConfigError, parseConfig } from "../../src/config/load-config.js";

/** The problems a config is refused with (each naming its key); throws when it is accepted. */
export function configProblems(raw: unknown, env: NodeJS.ProcessEnv = {}): string[] {
  try {
    parseConfig(raw, env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error("config was accepted");
}
