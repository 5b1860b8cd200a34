import { unwrapResolverError } from "@apollo/server/errors";
import type { GraphQLFormattedError } from "graphql";
import { ErrorCode, InputError, SourceError } from "../model/errors.js";

/** The `extensions` of a source failure: enough for a banner per vendor, nothing secret. */
export function sourceErrorExtensions(error: SourceError): Record<string, unknown> {
  return {
    code: error.code,
    source: error.sourceId,
    vendor: error.vendor,
    ...(error.httpStatus !== undefined && { httpStatus: error.httpStatus }),
    retryable: error.retryable,
    ...(error.retryAfter !== undefined && { retryAfter: error.retryAfter }),
  };
}

/** Codes GraphQL and Apollo produce themselves (parse, validation, variable coercion…): kept. */
const PASS_THROUGH = new Set([
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_USER_INPUT",
  "BAD_REQUEST",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
  "OPERATION_RESOLUTION_FAILURE",
  "UNAUTHENTICATED",
  "FORBIDDEN",
]);

/**
 * Every error leaves through here: source failures carry their source, input errors name the
 * field, everything unexpected is masked (and logged by `onUnexpected`) so no internals or
 * secrets reach a client.
 */
export function createErrorFormatter(onUnexpected: (error: unknown) => void) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof SourceError)
      return {
        message: original.message,
        locations: formatted.locations,
        path: formatted.path,
        extensions: sourceErrorExtensions(original),
      };
    if (original instanceof InputError)
      return {
        message: original.message,
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: ErrorCode.BAD_USER_INPUT, field: original.field },
      };
    const code = formatted.extensions?.code;
    if (typeof code === "string" && PASS_THROUGH.has(code)) return { ...formatted, extensions: { code } };
    onUnexpected(original);
    return {
      message: "Internal server error",
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}
