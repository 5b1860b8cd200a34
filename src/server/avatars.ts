import type { FastifyInstance, preHandlerAsyncHookHandler } from "fastify";
import type { Gateway } from "../gateway.js";
import { SourceError } from "../model/errors.js";
import { fromGlobalId } from "../schema/common/global-id.js";
import type { SignedLinks } from "./callers/signed-links.js";

type Params = { id: string };

/** What a signed avatar link is signed for: the route and its decoded id. */
export const avatarResource = (userGlobalId: string): string => `avatars/${userGlobalId}`;

/**
 * `/avatars/{userGlobalId}`: the user's picture fetched with the source's own credentials, so a
 * browser can show it without holding vendor secrets. Reached with a signed link from
 * `User.avatarUrl` (an `<img src>` sends no Authorization header), or with the credentials a
 * GraphQL read needs; anyone else is refused before the vendor is asked.
 */
export function registerAvatars(
  app: FastifyInstance,
  gateway: Gateway,
  access: { readonly links: SignedLinks; readonly readersOnly: preHandlerAsyncHookHandler },
): void {
  app.get<{ Params: Params; Querystring: { expires?: string } }>(
    "/avatars/:id",
    {
      config: { signedLink: (request) => avatarResource((request.params as Params).id) },
      preHandler: access.readersOnly,
    },
    async (request, reply) => {
      const gid = fromGlobalId(request.params.id);
      const connector = gid?.type === "User" ? gateway.connector(gid.sourceId) : undefined;
      if (!gid || !connector?.avatar) return reply.code(404).send({ error: "no avatar for this id" });
      try {
        const avatar = await connector.avatar(gid.remoteId);
        if (!avatar) return reply.code(404).send({ error: "this user has no avatar" });
        // A signed link's answer may be cached as long as the link lives, no longer.
        const maxAge =
          request.authentication.kind === "link" && request.query.expires
            ? access.links.secondsLeft(request.query.expires)
            : 300;
        return reply
          .header("content-type", avatar.contentType)
          .header("cache-control", `private, max-age=${maxAge}`)
          .send(avatar.data);
      } catch (error) {
        const status = error instanceof SourceError && error.code === "NOT_FOUND" ? 404 : 502;
        return reply
          .code(status)
          .send({ error: error instanceof SourceError ? error.message : "avatar unavailable" });
      }
    },
  );
}
