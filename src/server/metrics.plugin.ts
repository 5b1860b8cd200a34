import type { ApolloServerPlugin } from "@apollo/server";
import type { RequestContext } from "../loaders/request-context.js";
import type { Metrics } from "./metrics.js";

/** Counts operations by type and outcome (ok, partial: data with errors, failed: no data). */
export function metricsPlugin(metrics: Metrics): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      const started = performance.now();
      let type = "unknown";
      return {
        async didResolveOperation({ operation }) {
          type = operation?.operation ?? "unknown";
        },
        async willSendResponse({ response }) {
          const body = response.body.kind === "single" ? response.body.singleResult : null;
          const outcome = !body?.errors?.length ? "ok" : body.data ? "partial" : "failed";
          metrics.operations.inc({ type, outcome });
          metrics.operationDuration.observe({ type }, (performance.now() - started) / 1000);
        },
      };
    },
  };
}
