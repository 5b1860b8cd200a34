import fastifyCors from "@fastify/cors";
import type { FastifyInstance, FastifyRequest, preHandlerAsyncHookHandler } from "fastify";
import type { RollcallConfig } from "../../config/config-schema.js";
import type { RequestLinks } from "../../loaders/request-context.js";
import { ErrorCode } from "../../model/errors.js";
import { ApiKeys } from "../api-keys.js";
import { avatarResource } from "../avatars.js";
import { AccessPolicy } from "./access-policy.js";
import { ANONYMOUS, type Authentication, Authenticator } from "./authenticator.js";
import type { Caller } from "./caller.js";
import { type CallerCounter, callerLimits, inProcessCallerCounter } from "./caller-limits.js";
import { readersOnly, refuse } from "./refuse.js";
import { ANONYMOUS_TAG, callerTag, type LinkQuery, SignedLinks } from "./signed-links.js";
import { TokenVerifier } from "./token-verifier.js";

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

/** What the routes need from the callers' setup. */
export interface Callers {
  /** Who may read and write (the GraphQL access guard's rule too). */
  readonly policy: AccessPolicy;
  /** A preHandler for routes that take the credentials a GraphQL read needs. */
  readonly readersOnly: preHandlerAsyncHookHandler;
  readonly links: SignedLinks;
  /** A GraphQL request's caller, and the links made for it. */
  of(request: FastifyRequest): { caller: Caller | undefined; links: RequestLinks };
}

interface CallersOptions {
  readonly authenticator: Authenticator;
  readonly links: SignedLinks;
  readonly rateLimit: RollcallConfig["rateLimit"];
  /** Per-API-key limits (auth.apiKeys[].rateLimit), by key name. */
  readonly keyLimits: ReadonlyMap<string, number>;
  /** The route whose refusals are written as GraphQL responses. */
  readonly graphqlPath: string;
}

/** Where callers' requests are counted: Redis for every replica (shared-state/), else this process. */
export interface CallersSetup {
  readonly counter?: CallerCounter;
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
 * "open"` skip all three. Call it before any route is added.
 */
export async function registerCallers(
  app: FastifyInstance,
  config: RollcallConfig,
  graphqlPath: string,
  setup: CallersSetup = {},
): Promise<Callers> {
  const { auth } = config;
  const links = new SignedLinks(auth.avatarUrls.secret, auth.avatarUrls.ttlSeconds);
  const options: CallersOptions = {
    authenticator: new Authenticator(
      new ApiKeys(auth.apiKeys),
      auth.jwt ? new TokenVerifier(auth.jwt) : null,
    ),
    links,
    rateLimit: config.rateLimit,
    keyLimits: new Map(auth.apiKeys.flatMap((k) => (k.rateLimit ? [[k.name, k.rateLimit] as const] : []))),
    graphqlPath,
  };
  const allowedOrigins = new Set(config.cors.origins);
  await app.register(fastifyCors, {
    // Reflects only configured origins; others get no CORS headers (and are refused below).
    origin: (origin, callback) => callback(null, origin !== undefined && allowedOrigins.has(origin)),
    methods: ["GET", "POST"],
    allowedHeaders: ALLOWED_HEADERS,
    exposedHeaders: EXPOSED_HEADERS,
    maxAge: config.cors.maxAgeSeconds,
  });

  const limit = options.rateLimit.enabled
    ? rateLimiter(options, setup.counter ?? inProcessCallerCounter)
    : null;
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
    if (verdict) {
      reply.header("x-ratelimit-limit", verdict.max);
      reply.header("x-ratelimit-remaining", verdict.remaining);
      reply.header("x-ratelimit-reset", verdict.resetSeconds);
      if (verdict.exceeded) {
        reply.header("retry-after", verdict.resetSeconds);
        request.log.debug({ rateLimitKey: verdict.key }, "rate limit exceeded");
        return refuse(request, reply, options.graphqlPath, {
          status: 429,
          code: ErrorCode.RATE_LIMITED,
          message: `Rate limit exceeded: ${verdict.max} requests per ${options.rateLimit.windowMs / 1000} s; retry in ${verdict.resetSeconds} s`,
          retryAfter: verdict.resetSeconds,
        });
      }
    }
    if (authentication.kind === "refused") {
      if (authentication.refusal.status === 503)
        request.log.warn({ refusal: authentication.refusal.message }, "a bearer token could not be checked");
      return refuse(request, reply, options.graphqlPath, authentication.refusal);
    }
  });

  // Decided with the config (config/environment-defaults.ts: never open by default in production).
  const policy = new AccessPolicy(auth.anonymousReads);
  return {
    policy,
    readersOnly: readersOnly(policy, graphqlPath),
    links,
    of(request) {
      const { authentication } = request;
      const caller = authentication.kind === "caller" ? authentication.caller : undefined;
      const tag = caller ? callerTag(caller.id) : ANONYMOUS_TAG;
      return {
        caller,
        links: { avatar: (id) => links.sign(`/avatars/${encodeURIComponent(id)}`, avatarResource(id), tag) },
      };
    },
  };
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
function rateLimiter(options: CallersOptions, counter: CallerCounter) {
  const count = callerLimits({
    rateLimit: options.rateLimit,
    maxByKey: new Map(
      [...options.keyLimits].map(([name, max]) => [`caller:${callerTag(`key:${name}`)}`, max]),
    ),
    counter,
  });
  return (request: FastifyRequest) => {
    const auth = request.authentication;
    if (auth.kind === "caller") return count(`caller:${callerTag(auth.caller.id)}`);
    if (auth.kind === "link" && auth.callerTag !== ANONYMOUS_TAG) return count(`caller:${auth.callerTag}`);
    return count(`ip:${request.ip}`);
  };
}

/** A browser's same-origin request (GraphiQL served by Rollcall itself) carries its own host. */
function sameHost(origin: string, host: string | undefined): boolean {
  try {
    return host !== undefined && new URL(origin).host === host;
  } catch {
    return false;
  }
}
