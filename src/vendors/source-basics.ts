import type { BaseSourceConfig } from "../config/source-schema.js";
import type { SourceDescriptor } from "./connector.js";
import type { AuthStrategy } from "./http/auth.js";
import { createHttpClient, type HttpClient } from "./http/http-client.js";
import type { ConnectorDeps } from "./vendor-module.js";

type SourceConfig = BaseSourceConfig & { readonly kind: string };

/** How a source shows itself: its config's id, kind and name, never its credentials. */
export function describeSource(config: SourceConfig, vendor: string): SourceDescriptor {
  return { id: config.id, kind: config.kind, name: config.name ?? vendor, vendor, baseUrl: config.baseUrl };
}

/** The source's HTTP client, with the timeouts, retries and concurrency its config sets. */
export function httpFor(
  config: SourceConfig,
  vendor: string,
  deps: ConnectorDeps,
  options: { apiBase: string; auth: AuthStrategy; describe: (body: unknown) => string | undefined },
): HttpClient {
  return createHttpClient({
    sourceId: config.id,
    vendor,
    ...options,
    timeoutMs: config.timeoutMs,
    retries: config.retries,
    maxConcurrency: config.maxConcurrency,
    retryBaseDelayMs: config.retryBaseDelayMs,
    observe: deps.observe,
    circuitBreaker: { ...config.circuitBreaker, onChange: deps.onCircuitChange },
  });
}
