import type { ParsedConfig, RollcallConfig } from "./config-schema.js";

/** Whether Rollcall runs as a production deployment (the Docker image sets NODE_ENV=production). */
export const isProduction = (env: NodeJS.ProcessEnv): boolean => env.NODE_ENV === "production";

/**
 * Decides the settings whose default depends on where Rollcall runs; an explicit value in the
 * config always wins. Rollcall holds admin credentials to every tool it fronts, so in production
 * nothing about the API is open unless the config says so:
 * - `server.introspection` off: the schema is not handed to whoever asks (typed clients are
 *   generated from the committed schema file, not from a live server);
 * - `server.graphiql` off: no interactive console on a production URL;
 * - `auth.anonymousReads` off: who reads every account in every tool is a caller with a key.
 * Elsewhere (a laptop, the tests) all three stay on as before, anonymous reads only while no key
 * is configured.
 */
export function applyEnvironmentDefaults(
  config: ParsedConfig,
  env: NodeJS.ProcessEnv,
): { config: RollcallConfig; problems: string[] } {
  const production = isProduction(env);
  const { server, auth } = config;
  const anonymousReads = auth.anonymousReads ?? (!production && auth.apiKeys.length === 0);
  const problems: string[] = [];
  if (!anonymousReads && auth.apiKeys.length === 0)
    problems.push(
      auth.anonymousReads === false
        ? "auth: anonymousReads is false and auth.apiKeys is empty, so every request would be refused: add a key (`rollcall hash-key` makes one)"
        : "auth: under NODE_ENV=production queries need an API key unless auth.anonymousReads is true, and auth.apiKeys is empty, so every request would be refused: add a key (`rollcall hash-key` makes one), or set auth.anonymousReads: true to let anyone who can reach Rollcall read",
    );
  return {
    config: {
      ...config,
      server: {
        ...server,
        graphiql: server.graphiql ?? !production,
        introspection: server.introspection ?? !production,
      },
      auth: { ...auth, anonymousReads },
    },
    problems,
  };
}
