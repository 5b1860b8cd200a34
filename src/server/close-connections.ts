/**
 * A stopping server lets go of every connection with no request in flight, and of each other one
 * as soon as its answer is sent.
 *
 * Node's `server.close()` waits for every connection to end, and only drops those it counts as
 * idle: a keep-alive connection between requests, but not one opened and never used, which it
 * counts as awaiting its first request (so `headersTimeout` applies) until that timeout, 60 s by
 * default. HTTP clients open such connections (undici opens one ahead of need, and leaves one whose
 * request it aborted before sending), so a stop could wait a minute on a client that will never
 * write. Requests in flight still get their answers: a mutation being applied is not cut short.
 * How many are still unanswered is what a stop that can't wait any longer reports of them.
 */
import type { Socket } from "node:net";
import type { FastifyInstance } from "fastify";

export interface RequestsInFlight {
  /** Requests received and not yet answered (their response not yet closed). */
  unanswered(): number;
}

export function closeConnectionsOnStop(app: FastifyInstance): RequestsInFlight {
  const inFlight = new Map<Socket, number>();
  let stopping = false;

  app.server.on("connection", (socket: Socket) => {
    inFlight.set(socket, 0);
    socket.once("close", () => inFlight.delete(socket));
  });
  app.server.on("request", (request, response) => {
    const socket = request.socket as Socket;
    inFlight.set(socket, (inFlight.get(socket) ?? 0) + 1);
    response.once("close", () => {
      const left = (inFlight.get(socket) ?? 1) - 1;
      inFlight.set(socket, left);
      // `end`, not `destroy`: the answer already written still reaches the client.
      if (stopping && left === 0) socket.end();
    });
  });
  app.addHook("preClose", async () => {
    stopping = true;
    for (const [socket, requests] of inFlight) if (requests === 0) socket.destroy();
  });
  return {
    unanswered: () => [...inFlight.values()].reduce((sum, requests) => sum + requests, 0),
  };
}
