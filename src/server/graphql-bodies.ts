import { errorCodes, type FastifyInstance } from "fastify";

/** The content types a browser may send cross-site without a CORS preflight (text/plain is
 *  parsed by Fastify already and reaches Apollo as it is). */
const FORM_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"];

/**
 * A form post (urlencoded or multipart) or a body without a content type is handed to Apollo
 * unread, so its CSRF prevention refuses it as it refuses a text/plain post or a bare GET: one
 * answer, 400 BAD_REQUEST, for every request a browser could send cross-site without a
 * preflight, where Fastify would have answered 415 to some. The body is read (within Fastify's
 * bodyLimit) and dropped. Other unknown content types keep Fastify's 415.
 */
export function registerGraphqlBodies(scope: FastifyInstance): void {
  scope.addContentTypeParser(FORM_TYPES, { parseAs: "buffer" }, (_request, _body, done) =>
    done(null, undefined),
  );
  // Fastify's catch-all also serves requests that have a body and no content type.
  scope.addContentTypeParser("*", { parseAs: "buffer" }, (request, _body, done) =>
    request.headers["content-type"] === undefined
      ? done(null, undefined)
      : done(new errorCodes.FST_ERR_CTP_INVALID_MEDIA_TYPE(), undefined),
  );
}
