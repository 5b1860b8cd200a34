import type { ApolloServerPlugin } from "@apollo/server";
import type { GraphQLFormattedError } from "graphql";
import type { RequestContext } from "../loaders/request-context.js";
import { sourceErrorExtensions } from "./format-error.js";

/**
 * Source failures that did not fail their field (one vendor down under a list that still has the
 * others' data) are reported in the response's `errors`, one per source and place.
 */
export const sourceErrorsPlugin: ApolloServerPlugin<RequestContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response, contextValue, logger }) {
        if (response.body.kind !== "single" || contextValue.sourceErrors.length === 0) return;
        for (const { error } of contextValue.sourceErrors)
          logger.warn(`source "${error.sourceId}" failed (${error.code}): ${error.message}`);
        // A cancelled operation is answered with its cancellation alone (it has no data to annotate).
        if (contextValue.control.signal.aborted) return;
        const reported: GraphQLFormattedError[] = contextValue.sourceErrors.map(({ error, path }) => ({
          message: error.message,
          path: [...path],
          extensions: sourceErrorExtensions(error),
        }));
        const result = response.body.singleResult;
        result.errors = [...(result.errors ?? []), ...reported];
      },
    };
  },
};
