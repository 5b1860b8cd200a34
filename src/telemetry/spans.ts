import {
  type Attributes,
  defaultTextMapSetter,
  type Span,
  SpanKind,
  SpanStatusCode,
  trace,
} from "@opentelemetry/api";
import { W3CTraceContextPropagator } from "@opentelemetry/core";
import { servedRequest, withServedRequest } from "./served-request.js";

/** W3C Trace Context (`traceparent`, `tracestate`): what vendors and collectors understand. */
export const propagator = new W3CTraceContextPropagator();

/** What a failure is called on its span: its code (SOURCE_UNAVAILABLE…), never its message. */
function failureName(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === "string") return code;
  return error instanceof Error ? error.name : "Error";
}

/**
 * `work` inside a span that is a child of the one active here, ended when `work` settles. Outside a
 * traced request `work` runs as it is (one AsyncLocalStorage read: tracing off costs nothing more).
 */
export function traced<T>(
  name: string,
  attributes: Attributes,
  work: (span: Span | undefined) => Promise<T>,
  kind: SpanKind = SpanKind.INTERNAL,
): Promise<T> {
  const request = servedRequest();
  const scope = request?.trace;
  if (!request || !scope) return work(undefined);
  const span = scope.tracer.startSpan(name, { kind, attributes }, scope.context);
  const child = { ...request, trace: { tracer: scope.tracer, context: trace.setSpan(scope.context, span) } };
  return withServedRequest(child, () => work(span)).then(
    (result) => {
      span.end();
      return result;
    },
    (error: unknown) => {
      span.setStatus({ code: SpanStatusCode.ERROR, message: failureName(error) });
      span.end();
      throw error;
    },
  );
}

/** The span active here (a traced request's innermost), if any. */
export function activeSpan(): Span | undefined {
  const scope = servedRequest()?.trace;
  return scope && trace.getSpan(scope.context);
}

/** `traceparent` (and `tracestate`) for an outgoing request; undefined when nothing is traced. */
export function traceHeaders(): Record<string, string> | undefined {
  const scope = servedRequest()?.trace;
  if (!scope) return undefined;
  const headers: Record<string, string> = {};
  propagator.inject(scope.context, headers, defaultTextMapSetter);
  return headers;
}

/** The trace id of the request served here when it is traced (and sampled), for log lines. */
export function activeTraceId(): string | undefined {
  const context = activeSpan()?.spanContext();
  return context && trace.isSpanContextValid(context) ? context.traceId : undefined;
}
