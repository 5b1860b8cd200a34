import type { FastifyReply, FastifyRequest } from "fastify";
import type { ErrorCode } from "../../model/errors.js";
import type { AccessPolicy, Refusal } from "./access-policy.js";

export interface RateLimited {
  readonly status: 429;
  readonly code: ErrorCode.RATE_LIMITED;
  readonly message: string;
  readonly retryAfter: number;
}

export interface Overloaded {
  readonly status: 503;
  readonly code: ErrorCode.SERVER_OVERLOADED;
  readonly message: string;
  readonly retryAfter: number;
}

const GRAPHQL_RESPONSE = "application/graphql-response+json";

/** Anything refused before a route runs: bad credentials or scope, a rate limit, an overload. */
type Refused = Refusal | RateLimited | Overloaded;

/**
 * A refusal before any route runs, written as a GraphQL response on the GraphQL route (in the
 * media type the client asked for) and as `{ error, code }` elsewhere. Sets the reply's status and
 * type, and gives the body to send.
 */
function refusalBody(
  request: FastifyRequest,
  reply: FastifyReply,
  graphqlPath: string,
  refusal: Refused,
): string {
  const extra = "retryAfter" in refusal ? { retryAfter: refusal.retryAfter } : {};
  reply.code(refusal.status);
  if (request.routeOptions.url !== graphqlPath) {
    reply.type("application/json; charset=utf-8");
    return JSON.stringify({ error: refusal.message, code: refusal.code, ...extra });
  }
  const type = request.headers.accept?.includes(GRAPHQL_RESPONSE) ? GRAPHQL_RESPONSE : "application/json";
  reply.type(`${type}; charset=utf-8`);
  return JSON.stringify({
    errors: [{ message: refusal.message, extensions: { code: refusal.code, ...extra } }],
  });
}

/** A refusal before any route runs, sent (see refusalBody). */
export function refuse(
  request: FastifyRequest,
  reply: FastifyReply,
  graphqlPath: string,
  refusal: Refused,
): FastifyReply {
  return reply.send(refusalBody(request, reply, graphqlPath, refusal));
}

/** A route's preHandler: the same read rule as GraphQL queries (a signed link, where the route
 *  takes one, was checked before and counts as a read). */
export function readersOnly(policy: AccessPolicy, graphqlPath: string) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const auth = request.authentication;
    if (auth.kind === "link") return;
    const refusal = policy.refuseRead(auth.kind === "caller" ? auth.caller : undefined);
    if (refusal) return refuse(request, reply, graphqlPath, refusal);
  };
}
