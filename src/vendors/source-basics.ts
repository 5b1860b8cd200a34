import type { BaseSourceConfig } from "../config/source-schema.js";
import type { SourceDescriptor } from "./connector.js";
import type { AuthStrategy } from "./http/auth.js";
import { createHttpClient, type HttpClient } from "./http/http-client.js";
import { credentialIdentity, type ReadRoute } from "./http/read-cache.js";
import { inProcessCounter } from "./http/request-budget.js";
import type { ConnectorDeps } from "./vendor-module.js";

type SourceConfig = BaseSourceConfig & { readonly kind: string; readonly auth?: unknown };

/** `auth` keys that name the account rather than hold a secret (README, "Errors"). */
const ACCOUNT_KEYS = new Set(["username", "email"]);

/** Every configured secret of a source: each string in its `auth` but the account's name. */
function configuredSecrets(auth: unknown): string[] {
  if (typeof auth === "string") return [auth];
  if (!auth || typeof auth !== "object") return [];
  return Object.entries(auth).flatMap(([key, value]) =>
    ACCOUNT_KEYS.has(key) ? [] : configuredSecrets(value),
  );
}

/** How a source shows itself: its config's id, kind and name, never its credentials. */
export function describeSource(config: SourceConfig, vendor: string): SourceDescriptor {
  return { id: config.id, kind: config.kind, name: config.name ?? vendor, vendor, baseUrl: config.baseUrl };
}

/**
 * The source's HTTP client, with the timeouts, retries, concurrency and request budget its config
 * sets, and the shared read cache (`redis.readCache`) for the routes the vendor declares. Its auth
 * strategy's secrets also hold every configured secret (a login's password, whichever strategy
 * sends it), and feed the gateway's set, which the logger scrubs with.
 */
export function httpFor(
  config: SourceConfig,
  vendor: string,
  deps: ConnectorDeps,
  options: {
    apiBase: string;
    auth: AuthStrategy;
    describe: (body: unknown) => string | undefined;
    /** Which of the vendor's GET routes the shared read cache may keep (its read-routes.ts). */
    readRoutes?: readonly ReadRoute[];
  },
): HttpClient {
  const { readRoutes, ...http } = options;
  options.auth.secrets.add(...configuredSecrets(config.auth));
  if (deps.secrets) options.auth.secrets.feed(deps.secrets);
  return createHttpClient({
    sourceId: config.id,
    vendor,
    ...http,
    timeoutMs: config.timeoutMs,
    retries: config.retries,
    maxConcurrency: config.maxConcurrency,
    retryBaseDelayMs: config.retryBaseDelayMs,
    observe: deps.observe,
    observeBudgetWait: deps.observeBudgetWait,
    observeReadCache: deps.observeReadCache,
    circuitBreaker: { ...config.circuitBreaker, onChange: deps.onCircuitChange, shared: deps.sharedCircuits },
    budget:
      config.maxRequestsPerMinute === undefined
        ? undefined
        : {
            perWindow: config.maxRequestsPerMinute,
            counter: (deps.budgetCounter ?? inProcessCounter)(config.id, config.maxRequestsPerMinute),
          },
    readCache:
      deps.readCache && readRoutes?.length
        ? {
            ...deps.readCache,
            routes: readRoutes,
            identity: credentialIdentity(config.id, options.apiBase, config.auth),
          }
        : undefined,
  });
}

/**
 * The URL every API path is resolved against, from the `baseUrl` a person configured: the instance
 * root as they know it (the host, or an on-premise server's root), or that root with some or all of
 * the vendor's API path already on it (copied from the vendor's docs), with or without a trailing
 * slash. `apiPath` is the vendor's API path from the instance root ("/api/rest/latest");
 * `alsoAccepted` are its leading parts a person may have included ("/rest-api/service"), longest
 * first. Only a whole path segment sequence at the end of the URL is recognised, so a server that
 * happens to live under a path like "/api" keeps it.
 */
export function apiBaseUrl(baseUrl: string, apiPath: string, alsoAccepted: readonly string[] = []): string {
  const root = rootBefore(baseUrl, [apiPath, ...alsoAccepted]) ?? baseUrl.replace(/\/+$/, "");
  return `${root}${apiPath.replace(/\/+$/, "")}/`;
}

/**
 * The instance root of a `baseUrl` that ends (but for a trailing slash) with one of `apiPaths`,
 * the first that does, compared ignoring case; null when none ends it.
 */
export function rootBefore(baseUrl: string, apiPaths: readonly string[]): string | null {
  const trimmed = baseUrl.replace(/\/+$/, "");
  const included = apiPaths
    .map((p) => p.replace(/\/+$/, ""))
    .find((part) => part !== "" && trimmed.toLowerCase().endsWith(part.toLowerCase()));
  return included === undefined ? null : trimmed.slice(0, trimmed.length - included.length);
}
