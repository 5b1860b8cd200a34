import { once } from "node:events";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A proxy in front of a simulated vendor that, while `holding`, passes each write on (the vendor
 * applies it) and keeps its answer: the writer's request stays in flight for as long as the spec
 * wants, its write landed — the unknown a process stopped mid-step leaves. Reads always pass.
 */
export interface HoldingProxy {
  /** The URL to configure as the source's baseUrl. */
  readonly url: string;
  holding: boolean;
  /** Writes passed on whose answers are held. */
  readonly held: number;
  stop(): Promise<void>;
}

const HOP_BY_HOP = new Set(["connection", "keep-alive", "transfer-encoding", "content-length"]);

export async function startHoldingProxy(target: string): Promise<HoldingProxy> {
  const upstream = new URL(target);
  const heldAnswers = new Set<ServerResponse>();

  const forward = async (req: IncomingMessage, body: Buffer) => {
    const headers = Object.fromEntries(
      Object.entries(req.headers).filter(([name]) => !HOP_BY_HOP.has(name) && name !== "host"),
    ) as Record<string, string | string[]>;
    const request = http.request({
      host: upstream.hostname,
      port: upstream.port,
      method: req.method,
      path: req.url,
      headers: { ...headers, "content-length": String(body.length) },
    });
    request.end(body);
    const [answer] = (await once(request, "response")) as [IncomingMessage];
    const chunks: Buffer[] = [];
    for await (const chunk of answer) chunks.push(chunk as Buffer);
    return { status: answer.statusCode ?? 502, headers: answer.headers, body: Buffer.concat(chunks) };
  };

  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const isWrite = req.method !== "GET" && req.method !== "HEAD";
    // Decided when the write arrives: one held stays held whatever `holding` becomes.
    const hold = proxy.holding && isWrite;
    const answer = await forward(req, Buffer.concat(chunks));
    if (hold) {
      heldAnswers.add(res);
      return;
    }
    const headers = Object.fromEntries(
      Object.entries(answer.headers).filter(([name]) => !HOP_BY_HOP.has(name)),
    ) as Record<string, string | string[]>;
    res.writeHead(answer.status, { ...headers, "content-length": String(answer.body.length) });
    res.end(answer.body);
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;

  const proxy: HoldingProxy = {
    url: `http://127.0.0.1:${port}${upstream.pathname.replace(/\/$/, "")}`,
    holding: false,
    get held() {
      return heldAnswers.size;
    },
    async stop() {
      for (const res of heldAnswers) res.destroy();
      server.closeAllConnections();
      server.close();
      await once(server, "close").catch(() => undefined);
    },
  };
  return proxy;
}
