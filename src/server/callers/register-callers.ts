import fastifyCors from "@fastify/cors";
import fastifyRateLimit from "@fastify/rate-limit";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { z } from "zod";
import type { corsSchema, rateLimitSchema } from "../../config/callers-schema.js";
import { ErrorCode } from "../../model/errors.js";
import { ANONYMOUS, type Authentication, type Authenticator } from "./authenticator.js";
import { refuse } from "./refuse.js";
import { ANONYMOUS_TAG, callerTag, type LinkQuery, type SignedLinks } from "./signed-links.js";

declare module "fastify" {
  interface FastifyRequest {
    /** Who is asking, established before the route runs (see registerCallers). */
    authentication: Authentication;
  }
  interface FastifyContextConfig {
    /** `open`: no credentials, origin check or rate limit (the orchestrators' /health). */
    access?: "open";
    /** The route accepts a signed link (`?expires&caller&signature`) in place of credentials;
     *  the function names the resource the link must have been signed for. */
    signedLink?: (request: FastifyRequest) => string;
  }
}

export interface CallersOptions {
  readonly authenticator: Authenticator;
  readonly links: SignedLinks;
  readonly rateLimit: z.infer<typeof rateLimitSchema>;
  /** Per-API-key limits (auth.apiKeys[].rateLimit), by key name. */
  readonly keyLimits: ReadonlyMap<string, number>;
  readonly cors: z.infer<typeof corsSchema>;
  /** Routes whose refusals are written as GraphQL responses. */
  readonly graphqlPath: string;
}

/** Headers a browser app sends to Rollcall: credentials, JSON, and Apollo's CSRF preflight headers. */
const ALLOWED_HEADERS = [
  "authorization",
  "content-type",
  "apollo-require-preflight",
  "x-apollo-operation-name",
];
const EXPOSED_HEADERS = ["retry-after", "x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset"];

/**
 * Every request, before its route runs: the browser origin is checked (CORS), the caller is
 * established from its credentials (`request.authentication`), then counted against its rate
 * limit — so a refused or over-limit request reaches no vendor. Routes with `config.access:
 * "open"` skip all three.
 */
export async function registerCallers(app: FastifyInstance, options: CallersOptions): Promise<void> {
  const allowedOrigins = new Set(options.cors.origins);
  await app.register(fastifyCors, {
    // Reflects only configured origins; others get no CORS headers (and are refused below).
    origin: (origin, callback) => callback(null, origin !== undefined && allowedOrigins.has(origin)),
    methods: ["GET", "POST"],
    allowedHeaders: ALLOWED_HEADERS,
    exposedHeaders: EXPOSED_HEADERS,
    maxAge: options.cors.maxAgeSeconds,
  });

  const limit = options.rateLimit.enabled ? await rateLimiter(app, options) : null;
  // Set by the hook below for every request; null only until it runs (Fastify wants reference-typed decorations to start null).
  app.decorateRequest("authentication", null as never);

  app.addHook("onRequest", async (request, reply) => {
    if (request.routeOptions.config.access === "open") {
      request.authentication = ANONYMOUS;
      return;
    }
    const origin = request.headers.origin;
    if (origin !== undefined && !allowedOrigins.has(origin) && !sameHost(origin, request.headers.host))
      return refuse(request, reply, options.graphqlPath, {
        status: 403,
        code: ErrorCode.FORBIDDEN,
        message: `Origin ${JSON.stringify(origin)} may not call Rollcall (see cors.origins)`,
      });
    const authentication = await establish(request, options);
    request.authentication = authentication;
    // Refused credentials count too (against the client's IP), so keys can't be guessed at speed.
    const verdict = limit ? await limit(request) : null;
    if (verdict && !verdict.isAllowed) {
      reply.header("x-ratelimit-limit", verdict.max);
      reply.header("x-ratelimit-remaining", verdict.remaining);
      reply.header("x-ratelimit-reset", verdict.ttlInSeconds);
      if (verdict.isExceeded) {
        reply.header("retry-after", verdict.ttlInSeconds);
        request.log.debug({ rateLimitKey: verdict.key }, "rate limit exceeded");
        return refuse(request, reply, options.graphqlPath, {
          status: 429,
          code: ErrorCode.RATE_LIMITED,
          message: `Rate limit exceeded: ${verdict.max} requests per ${options.rateLimit.windowMs / 1000} s; retry in ${verdict.ttlInSeconds} s`,
          retryAfter: verdict.ttlInSeconds,
        });
      }
    }
    if (authentication.kind === "refused") {
      if (authentication.refusal.status === 503)
        request.log.warn({ refusal: authentication.refusal.message }, "a bearer token could not be checked");
      return refuse(request, reply, options.graphqlPath, authentication.refusal);
    }
  });
}

/** The caller's credentials, or the signed link of a route that takes one. */
async function establish(request: FastifyRequest, options: CallersOptions): Promise<Authentication> {
  const resource = request.routeOptions.config.signedLink?.(request);
  const link = resource === undefined ? null : options.links.check(resource, request.query as LinkQuery);
  if (link === null) return options.authenticator.authenticate(request.headers.authorization);
  if (link.ok) return { kind: "link", callerTag: link.callerTag };
  return { kind: "refused", refusal: { status: 403, code: ErrorCode.FORBIDDEN, message: link.message } };
}

/** A rate-limit key per caller (a signed link counts against the caller it was handed to), else
 *  per client IP; each caller's max from its key's config or the default. */
async function rateLimiter(app: FastifyInstance, options: CallersOptions) {
  const { rateLimit, keyLimits } = options;
  const limitsByTag = new Map(
    [...keyLimits].map(([name, max]) => [`caller:${callerTag(`key:${name}`)}`, max]),
  );
  await app.register(fastifyRateLimit, { global: false });
  return app.createRateLimit({
    timeWindow: rateLimit.windowMs,
    keyGenerator: (request) => {
      const auth = request.authentication;
      if (auth.kind === "caller") return `caller:${callerTag(auth.caller.id)}`;
      if (auth.kind === "link" && auth.callerTag !== ANONYMOUS_TAG) return `caller:${auth.callerTag}`;
      return `ip:${request.ip}`;
    },
    max: (_request, key) =>
      key.startsWith("ip:") ? rateLimit.anonymousMax : (limitsByTag.get(key) ?? rateLimit.max),
  });
}

/** A browser's same-origin request (GraphiQL served by Rollcall itself) carries its own host. */
function sameHost(origin: string, host: string | undefined): boolean {
  try {
    return host !== undefined && new URL(origin).host === host;
  } catch {
    return false;
  }
}
