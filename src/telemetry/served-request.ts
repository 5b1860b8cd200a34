import { AsyncLocalStorage } from "node:async_hooks";
import type { Context, Tracer } from "@opentelemetry/api";

/** Where a traced request's spans are started: its tracer and the span now active. */
export interface TraceScope {
  readonly tracer: Tracer;
  readonly context: Context;
}

/**
 * The HTTP request being served, for everything done on its behalf (log lines, spans) without each
 * resolver, loader and client passing it along. `trace` is set once the operation's span starts
 * (server/tracing.plugin.ts); without tracing it stays undefined.
 */
export interface ServedRequest {
  readonly requestId: string;
  trace?: TraceScope;
}

const storage = new AsyncLocalStorage<ServedRequest>();

export function withServedRequest<T>(request: ServedRequest, run: () => T): T {
  return storage.run(request, run);
}

/** The request being served here, if any. */
export function servedRequest(): ServedRequest | undefined {
  return storage.getStore();
}
