import type { FastifyReply, FastifyRequest } from "fastify";
import { ErrorCode } from "../../model/errors.js";

/**
 * An answer larger than `maxBytes` is not sent: the client gets RESPONSE_TOO_LARGE instead (a
 * Fastify `onSend` hook on the GraphQL route, where Apollo's answer is already one string). The
 * memory an answer may take while it is built is bounded before it runs, by its estimate of
 * objects (server.limits.objects); this bounds what one answer sends.
 */
export function responseSizeLimit(maxBytes: number) {
  return async (request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> => {
    if (typeof payload !== "string" || payload.length <= maxBytes / 3) return payload; // ≤ 3 bytes a UTF-16 unit
    if (!String(reply.getHeader("content-type") ?? "").includes("json")) return payload;
    const bytes = Buffer.byteLength(payload, "utf8");
    if (bytes <= maxBytes) return payload;
    request.log.warn({ bytes, maxBytes }, "answer larger than server.maxResponseBytes not sent");
    reply.code(400);
    return JSON.stringify({
      errors: [
        {
          message: `The answer would be ${bytes.toLocaleString("en-US")} bytes, more than ${maxBytes.toLocaleString("en-US")} (server.maxResponseBytes); nothing was sent. Ask for less: smaller pages (\`first\`) or fewer fields`,
          extensions: { code: ErrorCode.RESPONSE_TOO_LARGE, bytes, maxBytes },
        },
      ],
    });
  };
}
