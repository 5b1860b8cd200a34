import type { IncomingHttpHeaders } from "node:http";
import { RequestError, TimeoutError } from "got";
import { ErrorCode, SourceError } from "../../model/errors.js";
import type { SecretSet } from "./secrets.js";

export interface ErrorContext {
  readonly sourceId: string;
  readonly vendor: string;
  /** Pulls the vendor's own message out of an error body (each vendor has its shape). */
  readonly describe: (body: unknown) => string | undefined;
}

/** The most of a vendor's own words an error repeats (after its secrets are scrubbed). */
const MAX_VENDOR_MESSAGE = 300;

function parseBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export function retryAfterSeconds(header: string | string[] | undefined): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return seconds;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

/**
 * What a request was, for the words of its failure. `notFound: "object"` says the path names one
 * object, so its 404 means that object is gone; any other 404 means the source does not serve the
 * route at all (a baseUrl that points elsewhere, an instance without that endpoint), which is a
 * problem of the source's configuration, never "no such object".
 */
export interface FailedRequest {
  readonly method: string;
  /**
   * The route, never the path: `users/login/{id}` (api-path.ts `ApiPath.template`). A path holds
   * what the call was about (a person's login or email), and an error's words reach clients and logs.
   */
  readonly route: string;
  /** The values the route stands for (and the query's words): scrubbed from the vendor's echo. */
  readonly about?: readonly string[];
  readonly notFound?: "object";
}

function codeForStatus(status: number, request: FailedRequest): { code: ErrorCode; retryable: boolean } {
  if (status === 401) return { code: ErrorCode.SOURCE_AUTH_FAILED, retryable: false };
  if (status === 403) return { code: ErrorCode.SOURCE_FORBIDDEN, retryable: false };
  if (status === 404)
    return {
      code: request.notFound === "object" ? ErrorCode.NOT_FOUND : ErrorCode.SOURCE_MISCONFIGURED,
      retryable: false,
    };
  if (status === 429) return { code: ErrorCode.SOURCE_RATE_LIMITED, retryable: true };
  if (status >= 500) return { code: ErrorCode.SOURCE_UNAVAILABLE, retryable: true };
  return { code: ErrorCode.SOURCE_REJECTED, retryable: false };
}

const STATUS_WORDS: Partial<Record<ErrorCode, string>> = {
  [ErrorCode.SOURCE_AUTH_FAILED]: "rejected Rollcall's credentials",
  [ErrorCode.SOURCE_FORBIDDEN]: "refused access with Rollcall's credentials",
  [ErrorCode.NOT_FOUND]: "has no such object",
  [ErrorCode.SOURCE_RATE_LIMITED]: "is rate limiting Rollcall",
  [ErrorCode.SOURCE_UNAVAILABLE]: "failed",
  [ErrorCode.SOURCE_REJECTED]: "rejected the request",
};

/**
 * What a vendor said, fit to repeat: every form of the source's secrets scrubbed (whatever the
 * vendor echoed of the request), then cut to MAX_VENDOR_MESSAGE characters.
 */
function vendorWords(text: string | undefined, secrets: SecretSet): string | undefined {
  return text === undefined ? undefined : secrets.vendorText(text, MAX_VENDOR_MESSAGE);
}

/** A vendor's non-2xx answer as a SourceError: the status's meaning plus the vendor's own words. */
export function statusError(
  status: number,
  headers: IncomingHttpHeaders,
  bodyText: string,
  context: ErrorContext,
  request: FailedRequest,
  secrets: SecretSet,
): SourceError {
  const { sourceId, vendor } = context;
  const { code, retryable } = codeForStatus(status, request);
  // A vendor's 404 often quotes the URL it was sent ("No route for GET /…/users/login/jdoe"): what
  // the request was about goes with the secrets, so the route is all that is left of it.
  const scrub = request.about?.length ? secrets.with(request.about) : secrets;
  const vendorMessage = vendorWords(context.describe(parseBody(bodyText)), scrub);
  const words =
    code === ErrorCode.SOURCE_MISCONFIGURED
      ? `does not serve ${request.method} ${request.route}: check the source's configuration (its baseUrl)`
      : (STATUS_WORDS[code] ?? "failed");
  const detail = vendorMessage ? `: ${vendorMessage}` : "";
  return new SourceError(`Source "${sourceId}" (${vendor}) ${words} (HTTP ${status})${detail}`, {
    sourceId,
    vendor,
    code,
    httpStatus: status,
    retryable,
    retryAfter: retryAfterSeconds(headers["retry-after"]),
    vendorMessage,
  });
}

/**
 * The source answered, but not with what Rollcall needs from it (a documented field missing, a
 * list that is not a list): SOURCE_BAD_RESPONSE, `Source "<id>" (<vendor>) <words>`. Reported as
 * such, never read as "nothing there".
 */
export function badResponse(source: { readonly sourceId: string; readonly vendor: string }, words: string) {
  const { sourceId, vendor } = source;
  return new SourceError(`Source "${sourceId}" (${vendor}) ${words}`, {
    code: ErrorCode.SOURCE_BAD_RESPONSE,
    sourceId,
    vendor,
  });
}

/**
 * The 404 of a path that names an object (its NOT_FOUND), once a fresh read shows the source still
 * lists that object: the object is there, so the route is what the source does not serve. That is
 * the source's configuration to check (SOURCE_MISCONFIGURED, naming the route), never "no such
 * object" and never an empty list. `listed` names the object ("project 7"), `route` the call by its route
 * (`GET projects/{id}/users`), never by its path.
 */
export function listedButNotServed(error: SourceError, listed: string, route: string): SourceError {
  const { sourceId, vendor } = error;
  return new SourceError(
    `Source "${sourceId}" (${vendor}) lists ${listed} but does not serve ${route} (HTTP 404): check the source's configuration`,
    {
      code: ErrorCode.SOURCE_MISCONFIGURED,
      sourceId,
      vendor,
      httpStatus: 404,
      vendorMessage: error.vendorMessage,
    },
  );
}

/**
 * Turns whatever an upstream call threw (got's network and timeout errors, a body that is not JSON)
 * into a SourceError whose message is safe for a client:
 * it names the source and the vendor's own words, never a header, URL credential or body we sent.
 */
export function toSourceError(error: unknown, context: ErrorContext): SourceError {
  if (error instanceof SourceError) return error;
  const { sourceId, vendor } = context;
  const base = { sourceId, vendor };
  if (error instanceof TimeoutError) {
    return new SourceError(`Source "${sourceId}" (${vendor}) did not answer in time`, {
      ...base,
      code: ErrorCode.SOURCE_TIMEOUT,
      retryable: true,
    });
  }
  if (error instanceof SyntaxError) {
    return new SourceError(`Source "${sourceId}" (${vendor}) sent a response Rollcall could not read`, {
      ...base,
      code: ErrorCode.SOURCE_BAD_RESPONSE,
      retryable: true,
    });
  }
  if (error instanceof RequestError) {
    return new SourceError(
      `Source "${sourceId}" (${vendor}) is unreachable (${error.code ?? "network error"})`,
      {
        ...base,
        code: ErrorCode.SOURCE_UNAVAILABLE,
        retryable: true,
      },
    );
  }
  return new SourceError(`Source "${sourceId}" (${vendor}) failed unexpectedly`, {
    ...base,
    code: ErrorCode.SOURCE_UNAVAILABLE,
  });
}
