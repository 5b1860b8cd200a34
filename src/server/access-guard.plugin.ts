import type { ApolloServerPlugin } from "@apollo/server";
import { GraphQLError } from "graphql";
import type { RequestContext } from "../loaders/request-context.js";
import { ErrorCode } from "../model/errors.js";

function deny(code: ErrorCode.UNAUTHENTICATED | ErrorCode.FORBIDDEN, message: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code, http: { status: code === ErrorCode.UNAUTHENTICATED ? 401 : 403 } },
  });
}

/**
 * Checked once the operation is known and before anything executes, so a refused mutation
 * reaches no vendor. Mutations need a write-scoped API key, always; queries need a key unless
 * anonymous reads are allowed.
 */
export function accessGuardPlugin(options: { anonymousReads: boolean }): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue }) {
          const { caller } = contextValue;
          if (caller === null)
            throw deny(ErrorCode.UNAUTHENTICATED, "The API key sent in Authorization is not valid");
          if (operation?.operation === "mutation") {
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
