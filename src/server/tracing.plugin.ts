import type { ApolloServerPlugin } from "@apollo/server";
import {
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  type TextMapGetter,
  type Tracer,
  trace,
} from "@opentelemetry/api";
import type { RequestContext } from "../loaders/request-context.js";
import { servedRequest } from "../telemetry/served-request.js";
import { propagator } from "../telemetry/spans.js";

type Headers = { get(name: string): string | undefined; keys(): Iterable<string> };

/** Reads a client's `traceparent` from Apollo's header map (names are lower-case there). */
const headerGetter: TextMapGetter<Headers | undefined> = {
  keys: (headers) => (headers ? [...headers.keys()] : []),
  get: (headers, key) => headers?.get(key),
};

/**
 * One span per GraphQL operation, the parent of its batches and vendor calls (loaders/source-session.ts,
 * vendors/http/http-client.ts): a client's own `traceparent` makes it a child of the client's span.
 * Named as OpenTelemetry's GraphQL conventions say (`query Directory`); it holds the operation's
 * type and name, never its variables or document.
 */
export function tracingPlugin(tracer: Tracer): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart({ request }) {
      const served = servedRequest();
      const parent = propagator.extract(ROOT_CONTEXT, request.http?.headers, headerGetter);
      const span = tracer.startSpan(
        "graphql",
        { kind: SpanKind.SERVER, attributes: served ? { "rollcall.request_id": served.requestId } : {} },
        parent,
      );
      if (served) served.trace = { tracer, context: trace.setSpan(parent, span) };
      return {
        async didResolveOperation({ operation, operationName }) {
          const type = operation?.operation ?? "unknown";
          span.updateName(operationName ? `${type} ${operationName}` : type);
          span.setAttribute("graphql.operation.type", type);
          if (operationName) span.setAttribute("graphql.operation.name", operationName);
        },
        async willSendResponse({ response }) {
          const body = response.body.kind === "single" ? response.body.singleResult : null;
          const outcome = !body?.errors?.length ? "ok" : body.data ? "partial" : "failed";
          span.setAttribute("rollcall.outcome", outcome);
          if (outcome === "failed") span.setStatus({ code: SpanStatusCode.ERROR, message: "no data" });
          span.end();
        },
      };
    },
  };
}
