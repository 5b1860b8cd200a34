import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import type { CircuitChange } from "../vendors/http/circuit-breaker.js";
import type { BudgetWaitEvent, ReadCacheEvent, UpstreamEvent } from "../vendors/http/http-client.js";

/** Prometheus metrics of one server (its own registry, so tests can run several servers). */
export class Metrics {
  readonly registry = new Registry();
  private readonly upstreamRequests = new Counter({
    name: "rollcall_upstream_requests_total",
    help: "Requests Rollcall sent to vendor sources.",
    labelNames: ["source", "method", "status"],
    registers: [this.registry],
  });
  private readonly upstreamDuration = new Histogram({
    name: "rollcall_upstream_request_duration_seconds",
    help: "Duration of requests to vendor sources.",
    labelNames: ["source"],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly operations = new Counter({
    name: "rollcall_graphql_operations_total",
    help: "GraphQL operations served.",
    labelNames: ["type", "outcome"],
    registers: [this.registry],
  });
  readonly operationDuration = new Histogram({
    name: "rollcall_graphql_operation_duration_seconds",
    help: "Duration of GraphQL operations.",
    labelNames: ["type"],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  private readonly circuitOpen = new Gauge({
    name: "rollcall_source_circuit_open",
    help: "1 while Rollcall has stopped asking a source that kept failing to answer, else 0.",
    labelNames: ["source"],
    registers: [this.registry],
  });

  private readonly budgetWaits = new Histogram({
    name: "rollcall_upstream_rate_limit_wait_seconds",
    help: "Waits of requests for their source's request budget (maxRequestsPerMinute) before they were sent.",
    labelNames: ["source"],
    buckets: [0.01, 0.1, 0.5, 1, 5, 15, 30, 60],
    registers: [this.registry],
  });
  private readonly readCache = new Counter({
    name: "rollcall_read_cache_requests_total",
    help: "Vendor reads the shared read cache was asked for, by outcome (hit: not sent to the vendor; miss: sent, answered or not).",
    labelNames: ["source", "kind", "outcome"],
    registers: [this.registry],
  });
  private readonly storeQueries = new Histogram({
    name: "rollcall_store_query_duration_seconds",
    help: "Duration of the store's queries, by kind (select, insert, update, delete, other).",
    labelNames: ["kind"],
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: "rollcall_" });
  }

  readonly observeUpstream = (event: UpstreamEvent): void => {
    this.upstreamRequests.inc({
      source: event.sourceId,
      method: event.method,
      status: event.status ?? event.errorCode ?? "error",
    });
    this.upstreamDuration.observe({ source: event.sourceId }, event.durationMs / 1000);
  };

  readonly observeCircuit = (change: CircuitChange): void => {
    this.circuitOpen.set({ source: change.sourceId }, change.open ? 1 : 0);
  };

  readonly observeBudgetWait = (event: BudgetWaitEvent): void => {
    this.budgetWaits.observe({ source: event.sourceId }, event.waitedMs / 1000);
  };

  readonly observeReadCache = (event: ReadCacheEvent): void => {
    this.readCache.inc({ source: event.sourceId, kind: event.kind, outcome: event.hit ? "hit" : "miss" });
  };

  readonly observeStoreQuery = (kind: StoreQueryKind, durationMs: number): void => {
    this.storeQueries.observe({ kind }, durationMs / 1000);
  };

  /**
   * `rollcall_plan_jobs_queued`: plans waiting in the job engine's queue, read at each scrape (only
   * a PostgreSQL store has the engine). A count that can't be read leaves the gauge as it was.
   */
  watchPlanQueue(queued: () => Promise<number>): void {
    new Gauge({
      name: "rollcall_plan_jobs_queued",
      help: "Plans waiting in the job engine's queue to be applied (PostgreSQL store only).",
      registers: [this.registry],
      async collect() {
        try {
          this.set(await queued());
        } catch {
          // The store not answering is for the store's own metrics and logs; the scrape goes on.
        }
      },
    });
  }
}

/** What the store's latency is labelled by: few values, whatever the query. */
export type StoreQueryKind = "select" | "insert" | "update" | "delete" | "other";
