/**
 * Benchmark child: replays recorded upstream calls (lib/replay.ts) on every POST to /, with plain
 * http.request over keep-alive sockets and JSON.parse of each body — the least a client can do to
 * make those calls and read their answers. Each source's calls go level by level; sources overlap.
 * Then it answers with the gateway's own response body, so the client's side (moving and parsing
 * ~100 KB for the directory) costs both rows the same.
 * argv[2] is the JSON file of the recording (lib/replay.ts); prints `READY <url>` when listening.
 */
import { readFileSync } from "node:fs";
import http from "node:http";
import type { Recording, ReplayCall } from "../lib/replay.js";

const { calls, answer } = JSON.parse(readFileSync(process.argv[2]!, "utf8")) as Recording;
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

const bySource = new Map<string, ReplayCall[][]>();
for (const call of calls) {
  const origin = new URL(call.url).origin;
  const levels = bySource.get(origin) ?? [];
  const level = levels[call.level - 1] ?? [];
  level.push(call);
  levels[call.level - 1] = level;
  bySource.set(origin, levels);
}

function send(call: ReplayCall): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      call.url,
      { method: call.method, headers: call.headers, agent },
      (response) => {
        // A replay that fails is no floor: say so (the path only; queries may carry credentials).
        const status = response.statusCode ?? 0;
        if (status < 200 || status >= 300) {
          response.resume();
          reject(new Error(`${call.method} ${new URL(call.url).pathname} answered ${status}`));
          return;
        }
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => {
          const body = Buffer.concat(chunks);
          resolve(body.length > 0 ? JSON.parse(body.toString("utf8")) : undefined);
        });
        response.on("error", reject);
      },
    );
    request.on("error", reject);
    request.end();
  });
}

async function replay(): Promise<void> {
  await Promise.all(
    [...bySource.values()].map(async (levels) => {
      for (const level of levels) if (level) await Promise.all(level.map(send));
    }),
  );
}

const server = http.createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    replay().then(
      () => res.writeHead(200, { "content-type": "application/json" }).end(answer),
      (error: unknown) =>
        res
          .writeHead(502, { "content-type": "application/json" })
          .end(JSON.stringify({ errors: [{ message: String(error) }] })),
    );
  });
});
server.keepAliveTimeout = 30_000;
server.listen(0, "127.0.0.1", () => {
  const address = server.address() as { port: number };
  process.stdout.write(`READY http://127.0.0.1:${address.port}/\n`);
});
process.once("SIGTERM", () => server.close(() => process.exit(0)));
