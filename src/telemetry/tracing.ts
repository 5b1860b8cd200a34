import type { Tracer, TracerProvider } from "@opentelemetry/api";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { resourceFromAttributes } from "@opentelemetry/resources";
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  ParentBasedSampler,
  TraceIdRatioBasedSampler,
} from "@opentelemetry/sdk-trace-base";
import type { TelemetryConfig } from "../config/telemetry-schema.js";
import { VERSION } from "../version.js";

/** Rollcall's tracer and how to flush what it has not exported yet. */
export interface Tracing {
  readonly tracer: Tracer;
  shutdown(): Promise<void>;
}

/**
 * Tracing as configured: off (undefined) without `telemetry`, else spans batched to the OTLP/HTTP
 * collector. Nothing is registered globally (no global provider, context manager or propagator):
 * each server carries its own tracer, so servers in one process (tests, the demo) don't meet.
 * A provider given (tests: an in-memory exporter) wins over the config, and is the giver's to shut.
 */
export function startTracing(
  config: TelemetryConfig | undefined,
  provided?: TracerProvider,
): Tracing | undefined {
  if (provided) return { tracer: provided.getTracer("rollcall", VERSION), shutdown: async () => {} };
  if (!config) return undefined;
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ "service.name": config.serviceName, "service.version": VERSION }),
    sampler: new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(config.sampleRatio) }),
    spanProcessors: [
      new BatchSpanProcessor(new OTLPTraceExporter({ url: config.otlp.url, headers: config.otlp.headers })),
    ],
  });
  return { tracer: provider.getTracer("rollcall", VERSION), shutdown: () => provider.shutdown() };
}
