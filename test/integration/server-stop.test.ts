import { once } from "node:events";
import { connect, type Socket } from "node:net";
import { describe, expect, it } from "vitest";
import { startGateway } from "../support/gateway-harness.js";

/** A client that opens a connection and never writes on it (undici leaves such connections). */
async function quietConnection(url: string): Promise<Socket> {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname === "localhost" ? "127.0.0.1" : hostname);
  await once(socket, "connect");
  return socket;
}

describe("stopping the gateway", () => {
  it("lets go of a connection on which no request was ever sent, instead of waiting for its client", async () => {
    const gw = await startGateway({ users: 2 });
    const quiet = await quietConnection(gw.rollcall.url);
    const closedByServer = once(quiet, "close");
    // Without this, the stop waits for Node's headersTimeout (60 s): past this spec's timeout.
    await gw.stop();
    await closedByServer;
    expect(quiet.destroyed).toBe(true);
  });

  it("still answers the request in flight when it is told to stop", async () => {
    const gw = await startGateway({ users: 3 });
    for (const sim of gw.sims.values()) sim.faults.set({ latencyMs: 400 });
    const answer = gw.gql<{ users: { nodes: unknown[] } }>(`{ users(first: 3) { nodes { id } } }`);
    // The stop begins while the vendors' answers are on their way.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const stopped = gw.stop();
    const { status, data, errors } = await answer;
    await stopped;
    expect(status).toBe(200);
    expect(errors).toBeUndefined();
    expect(data?.users.nodes).toHaveLength(3);
  });
});
