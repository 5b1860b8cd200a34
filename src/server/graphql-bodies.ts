import type { FastifyInstance } from "fastify";

/** The content types a browser may send cross-site without a CORS preflight. */
const SIMPLE_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"];

/**
 * A form post (urlencoded or multipart) or a body without a content type is handed to Apollo
 * unread, so its CSRF prevention refuses it like a text/plain post or a bare GET — one answer,
 * 400 BAD_REQUEST, for every request a browser could send cross-site without a preflight —
 * instead of Fastify's 415. The body is read (within Fastify's bodyLimit) and dropped.
 */
export function registerGraphqlBodies(scope: FastifyInstance): void {
  scope.addContentTypeParser(SIMPLE_TYPES, { parseAs: "buffer" }, (_request, _body, done) =>
    done(null, undefined),
  );
}
