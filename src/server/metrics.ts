import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import type { CircuitChange } from "../vendors/http/circuit-breaker.js";
import type { UpstreamEvent } from "../vendors/http/http-client.js";

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
}
