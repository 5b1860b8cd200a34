import type { ApolloServerPlugin } from "@apollo/server";
import { ApolloServerErrorCode } from "@apollo/server/errors";
import { GraphQLError } from "graphql";
import type { RequestContext } from "../loaders/request-context.js";
import type { AccessPolicy, Refusal } from "./callers/access-policy.js";

function deny(refusal: Refusal): GraphQLError {
  return new GraphQLError(refusal.message, {
    extensions: { code: refusal.code, http: { status: refusal.status } },
  });
}

/** The request's operationName names no operation of the document, or several need one. */
function unresolved(operationName: string | undefined): GraphQLError {
  const message = operationName
    ? `operationName "${operationName}" names no operation in the document`
    : "The document holds several operations: send operationName to choose one";
  return new GraphQLError(message, {
    extensions: { code: ApolloServerErrorCode.OPERATION_RESOLUTION_FAILURE, http: { status: 400 } },
  });
}

/**
 * Checked once the operation is known and before anything executes, so a refused mutation
 * reaches no vendor. Mutations (and anything else that is not a query) need write scope, always;
 * queries need read scope unless anonymous reads are allowed. Credentials that were sent and not
 * accepted never get here (server/callers/register-callers.ts refuses them first). It judges the
 * operation Apollo resolved, which is the one the executor runs (server/compiled-executor.ts); a
 * request whose operation Apollo could not resolve is refused here, whatever its document holds,
 * so nothing runs that was not judged.
 */
export function accessGuardPlugin(policy: AccessPolicy): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, request, contextValue }) {
          if (!operation) throw unresolved(request.operationName ?? undefined);
          const { caller } = contextValue;
          const refusal =
            operation.operation === "query" ? policy.refuseRead(caller) : policy.refuseWrite(caller);
          if (refusal) throw deny(refusal);
        },
      };
    },
  };
}
