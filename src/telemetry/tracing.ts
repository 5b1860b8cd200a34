import type { Tracer, TracerProvider } from "@opentelemetry/api";
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
 * The SDK and the exporter are loaded only when tracing is on: without `telemetry` a replica never
 * holds them (issue 17, a replica's memory).
 */
export async function startTracing(
  config: TelemetryConfig | undefined,
  provided?: TracerProvider,
): Promise<Tracing | undefined> {
  if (provided) return { tracer: provided.getTracer("rollcall", VERSION), shutdown: async () => {} };
  if (!config) return undefined;
  const [
    { OTLPTraceExporter },
    { resourceFromAttributes },
    { BasicTracerProvider, BatchSpanProcessor, ParentBasedSampler, TraceIdRatioBasedSampler },
  ] = await Promise.all([
    import("@opentelemetry/exporter-trace-otlp-http"),
    import("@opentelemetry/resources"),
    import("@opentelemetry/sdk-trace-base"),
  ]);
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ "service.name": config.serviceName, "service.version": VERSION }),
    sampler: new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(config.sampleRatio) }),
    spanProcessors: [
      new BatchSpanProcessor(new OTLPTraceExporter({ url: config.otlp.url, headers: config.otlp.headers })),
    ],
  });
  return { tracer: provider.getTracer("rollcall", VERSION), shutdown: () => provider.shutdown() };
}
