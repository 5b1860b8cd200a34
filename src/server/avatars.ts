import type { FastifyInstance } from "fastify";
import type { Gateway } from "../gateway.js";
import { SourceError } from "../model/errors.js";
import { fromGlobalId } from "../schema/common/global-id.js";

/**
 * `/avatars/{userGlobalId}`: the user's picture fetched with the source's own credentials, so a
 * browser can show it without holding vendor secrets. `User.avatarUrl` points here.
 */
export function registerAvatars(app: FastifyInstance, gateway: Gateway): void {
  app.get<{ Params: { id: string } }>("/avatars/:id", async (request, reply) => {
    const gid = fromGlobalId(request.params.id);
    const connector = gid?.type === "User" ? gateway.connector(gid.sourceId) : undefined;
    if (!gid || !connector?.avatar) return reply.code(404).send({ error: "no avatar for this id" });
    try {
      const avatar = await connector.avatar(gid.remoteId);
      if (!avatar) return reply.code(404).send({ error: "this user has no avatar" });
      return reply
        .header("content-type", avatar.contentType)
        .header("cache-control", "private, max-age=300")
        .send(avatar.data);
    } catch (error) {
      const status = error instanceof SourceError && error.code === "NOT_FOUND" ? 404 : 502;
      return reply
        .code(status)
        .send({ error: error instanceof SourceError ? error.message : "avatar unavailable" });
    }
  });
}
