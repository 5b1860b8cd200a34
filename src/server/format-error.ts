import { ApolloServerErrorCode, unwrapResolverError } from "@apollo/server/errors";
import { GraphQLError, type GraphQLFormattedError } from "graphql";
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
const PASS_THROUGH: ReadonlySet<string> = new Set([
  ApolloServerErrorCode.GRAPHQL_PARSE_FAILED,
  ApolloServerErrorCode.GRAPHQL_VALIDATION_FAILED,
  ApolloServerErrorCode.BAD_USER_INPUT,
  ApolloServerErrorCode.BAD_REQUEST,
  ApolloServerErrorCode.PERSISTED_QUERY_NOT_FOUND,
  ApolloServerErrorCode.PERSISTED_QUERY_NOT_SUPPORTED,
  ApolloServerErrorCode.OPERATION_RESOLUTION_FAILURE,
  ErrorCode.UNAUTHENTICATED,
  ErrorCode.FORBIDDEN,
]);

/** An error Apollo raised itself (no cause underneath) with a 4xx status, outside any field. */
function isRequestRefusal(error: unknown): boolean {
  if (!(error instanceof GraphQLError) || error.originalError || error.path) return false;
  const status = (error.extensions.http as { status?: unknown } | undefined)?.status;
  return typeof status === "number" && status >= 400 && status < 500;
}
/** Refusals and cancellations by Rollcall's limits (server/limits/, the executor's deadline). */
const LIMITS: ReadonlySet<string> = new Set([
  ErrorCode.OPERATION_TOO_COSTLY,
  ErrorCode.OPERATION_TIMEOUT,
  ErrorCode.RESPONSE_TOO_LARGE,
]);

/** graphql-js's parser at `maxTokens` (graphql/language/parser.js: "Document contains more that N tokens"). */
const TOKEN_LIMIT = /^Syntax Error: Document contains more th(?:at|an) (\d+) tokens/;

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
    // Limits: the refusal's numbers are the point (which limit, the estimate, the budget).
    if (typeof code === "string" && LIMITS.has(code)) return formatted;
    // graphql-js's parser stops at maxTokens with its own words; the limit reads as the others do.
    const tokens = code === "GRAPHQL_PARSE_FAILED" && TOKEN_LIMIT.exec(formatted.message);
    if (tokens)
      return {
        message: `The document has more than ${tokens[1]} tokens (server.limits.maxTokens)`,
        extensions: { code: ErrorCode.OPERATION_TOO_COSTLY, limit: "maxTokens" },
      };
    // graphql-armor's document limits fail validation; they read as the other limits do.
    if (code === "GRAPHQL_VALIDATION_FAILED" && typeof formatted.extensions?.limit === "string")
      return {
        ...formatted,
        extensions: { code: ErrorCode.OPERATION_TOO_COSTLY, limit: formatted.extensions.limit },
      };
    if (typeof code === "string" && PASS_THROUGH.has(code)) {
      const field = formatted.extensions?.field;
      return { ...formatted, extensions: { code, ...(typeof field === "string" && { field }) } };
    }
    // Apollo refuses some malformed requests (a persisted query's unknown version or wrong hash)
    // with an HTTP 4xx error it gives no code: the client's mistake, in Apollo's own words.
    if (isRequestRefusal(original))
      return { message: formatted.message, extensions: { code: ErrorCode.BAD_REQUEST } };
    onUnexpected(original);
    return {
      message: "Internal server error",
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}
