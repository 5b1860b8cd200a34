import { z } from "zod";

/**
 * OpenTelemetry traces (README, "Observability"). Absent: tracing is off, every span a no-op.
 * `otlp.headers` often carry a collector's API key: they are treated as secrets (never logged).
 */
export const telemetrySchema = z.strictObject({
  otlp: z.strictObject({
    /** The collector's OTLP/HTTP traces endpoint, e.g. http://collector:4318/v1/traces. */
    url: z.url({ protocol: /^https?$/, error: "must be an http(s) URL (the OTLP/HTTP traces endpoint)" }),
    /** Sent with every export (an API key): never logged. */
    headers: z.record(z.string().min(1), z.string()).default({}),
  }),
  /** `service.name` of every span. */
  serviceName: z.string().min(1).default("rollcall"),
  /** Share of operations traced (0 to 1); an incoming `traceparent`'s decision wins. */
  sampleRatio: z.number().min(0).max(1).default(1),
});

export type TelemetryConfig = z.infer<typeof telemetrySchema>;
