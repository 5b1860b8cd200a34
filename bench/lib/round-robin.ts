import { Agent, createServer, request } from "node:http";
import type { AddressInfo } from "node:net";

/** What the balancer saw since it started (or since the last `reset`). */
export interface BalancerCounts {
  /** Answers a replica finished, whatever their status. */
  answered: number;
  /** Answers with a status other than 2xx, and requests no replica answered (connection errors). */
  failed: number;
  /** Answers whose body names SOURCE_RATE_LIMITED: a source's budget was spent for part of it. */
  rateLimited: number;
  /** Answers per replica, in the order the replicas were given. */
  perReplica: number[];
}

export interface Balancer {
  readonly url: string;
  counts(): BalancerCounts;
  reset(): void;
  /** Resolves once every request forwarded so far has been answered (or failed). */
  drained(): Promise<void>;
  close(): Promise<void>;
}

const RATE_LIMITED = Buffer.from("SOURCE_RATE_LIMITED");

/**
 * A minimal round-robin load balancer, as one in front of several replicas would be: each request
 * goes to the next replica in turn, over keep-alive connections, and its answer is streamed back.
 * It reads each answer for SOURCE_RATE_LIMITED as it passes, so the bench knows how many operations
 * a spent vendor budget touched without parsing them.
 */
export async function startRoundRobin(targets: readonly string[]): Promise<Balancer> {
  const upstreams = targets.map((t) => new URL(t));
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const fresh = (): BalancerCounts => ({
    answered: 0,
    failed: 0,
    rateLimited: 0,
    perReplica: upstreams.map(() => 0),
  });
  let counts = fresh();
  let next = 0;
  let inFlight = 0;
  const waiters: Array<() => void> = [];
  const settle = () => {
    inFlight -= 1;
    if (inFlight === 0) for (const w of waiters.splice(0)) w();
  };

  const server = createServer((req, res) => {
    const index = next;
    next = (next + 1) % upstreams.length;
    const target = upstreams[index] as URL;
    inFlight += 1;
    const upstream = request(
      {
        agent,
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: target.host },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        // The marker may straddle two chunks: keep the tail of the previous one.
        let tail = Buffer.alloc(0);
        let limited = false;
        answer.on("data", (chunk: Buffer) => {
          if (!limited) {
            const window = Buffer.concat([tail, chunk]);
            limited = window.includes(RATE_LIMITED);
            tail = window.subarray(Math.max(0, window.length - RATE_LIMITED.length + 1));
          }
          res.write(chunk);
        });
        answer.on("end", () => {
          res.end();
          counts.answered += 1;
          counts.perReplica[index] = (counts.perReplica[index] ?? 0) + 1;
          const status = answer.statusCode ?? 0;
          if (status < 200 || status >= 300) counts.failed += 1;
          if (limited) counts.rateLimited += 1;
          settle();
        });
        answer.on("error", () => {
          counts.failed += 1;
          res.destroy();
          settle();
        });
      },
    );
    upstream.on("error", () => {
      counts.failed += 1;
      if (!res.headersSent) res.writeHead(502).end();
      else res.destroy();
      settle();
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    counts: () => ({ ...counts, perReplica: [...counts.perReplica] }),
    reset: () => {
      counts = fresh();
    },
    drained: () => (inFlight === 0 ? Promise.resolve() : new Promise((resolve) => waiters.push(resolve))),
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      agent.destroy();
    },
  };
}
