import type { ApolloServerPlugin } from "@apollo/server";
import { GraphQLError } from "graphql";
import type { RequestContext } from "../loaders/request-context.js";
import { ErrorCode } from "../model/errors.js";

function deny(code: ErrorCode.UNAUTHENTICATED | ErrorCode.FORBIDDEN, message: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code, http: { status: code === ErrorCode.UNAUTHENTICATED ? 401 : 403 } },
  });
}

/** The request's operationName names no operation of the document, or several need one. */
function unresolved(operationName: string | undefined): GraphQLError {
  const message = operationName
    ? `operationName "${operationName}" names no operation in the document`
    : "The document holds several operations: send operationName to choose one";
  return new GraphQLError(message, {
    extensions: { code: "OPERATION_RESOLUTION_FAILURE", http: { status: 400 } },
  });
}

/**
 * Checked once the operation is known and before anything executes, so a refused mutation
 * reaches no vendor. Mutations need a write-scoped API key, always; queries need a key unless
 * anonymous reads are allowed. It judges the operation Apollo resolved, which is the one the
 * executor runs (server/compiled-executor.ts); a request whose operation Apollo could not resolve
 * is refused here, whatever its document holds, so nothing runs that was not judged.
 */
export function accessGuardPlugin(options: { anonymousReads: boolean }): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, request, contextValue }) {
          const { caller } = contextValue;
          if (caller === null)
            throw deny(ErrorCode.UNAUTHENTICATED, "The API key sent in Authorization is not valid");
          if (!operation) throw unresolved(request.operationName ?? undefined);
          if (operation.operation !== "query") {
            if (!caller)
              throw deny(
                ErrorCode.UNAUTHENTICATED,
                "Mutations need an API key with write scope: send `Authorization: Bearer <key>`",
              );
            if (caller.scope !== "write")
              throw deny(
                ErrorCode.FORBIDDEN,
                `The API key "${caller.keyName}" has read scope; mutations need write scope`,
              );
          } else if (!caller && !options.anonymousReads) {
            throw deny(
              ErrorCode.UNAUTHENTICATED,
              "This server needs an API key: send `Authorization: Bearer <key>`",
            );
          }
        },
      };
    },
  };
}
