import type { ParsedConfig, RollcallConfig } from "./config-schema.js";

/** Whether Rollcall runs as a production deployment (the Docker image sets NODE_ENV=production). */
const isProduction = (env: NodeJS.ProcessEnv): boolean => env.NODE_ENV === "production";

/**
 * Decides the settings whose default depends on where Rollcall runs; an explicit value in the
 * config always wins. Rollcall holds admin credentials to every tool it fronts, so in production
 * nothing about the API is open unless the config says so:
 * - `server.introspection` off: the schema is not handed to whoever asks (typed clients are
 *   generated from the committed schema file, not from a live server);
 * - `server.graphiql` off: no interactive console on a production URL;
 * - `auth.anonymousReads` off: who reads every account in every tool is a caller with a key.
 * Elsewhere (a laptop, the tests) all three are on, anonymous reads only while neither a key nor
 * a token issuer is configured.
 */
export function applyEnvironmentDefaults(
  config: ParsedConfig,
  env: NodeJS.ProcessEnv,
): { config: RollcallConfig; problems: string[] } {
  const production = isProduction(env);
  const { server, auth } = config;
  const credentials = auth.apiKeys.length > 0 || auth.jwt !== undefined;
  const anonymousReads = auth.anonymousReads ?? (!production && !credentials);
  const problems: string[] = [];
  if (!anonymousReads && !credentials)
    problems.push(
      auth.anonymousReads === false
        ? "auth: anonymousReads is false and neither auth.apiKeys nor auth.jwt is configured, so every request would be refused: add a key (`rollcall hash-key` makes one) or a token issuer"
        : "auth: under NODE_ENV=production queries need credentials unless auth.anonymousReads is true, and neither auth.apiKeys nor auth.jwt is configured, so every request would be refused: add a key (`rollcall hash-key` makes one) or a token issuer (auth.jwt), or set auth.anonymousReads: true to let anyone who can reach Rollcall read",
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
