/**
 * Benchmark child: the hand-written baseline. Answers every POST on / with the JSON the gateway
 * returns for MID_SIZED (bench/lib/queries.ts) — 20 users of each source with their permissions —
 * by calling the vendors' REST endpoints directly with fetch, through each vendor's own
 * hand-written reader (`VendorModule.handwritten`, the vendor folder's handwritten.ts): no GraphQL,
 * no loaders, no cache.
 * argv[2] is a JSON file `{"sources": {<kind>: {url, source}}}`; prints `READY <url>` when listening.
 */
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { vendors } from "../../src/vendors/registry.js";
import { baselineAnswer } from "../lib/baseline.js";

const { sources } = JSON.parse(readFileSync(process.argv[2]!, "utf8")) as {
  sources: Record<string, { url: string; source: Record<string, unknown> }>;
};
const configured = vendors.map((vendor) => {
  const entry = sources[vendor.kind];
  if (!entry) throw new Error(`no source of kind ${vendor.kind} in ${process.argv[2]}`);
  return { vendor, source: entry.source };
});

const server = createServer((req, res) => {
  if (req.method !== "POST" || req.url !== "/") {
    res.writeHead(404).end();
    return;
  }
  req.resume(); // the body is always the same query: read and dropped
  req.on("end", () => {
    baselineAnswer(configured).then(
      (answer) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(answer)),
      (error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        res
          .writeHead(502, { "content-type": "application/json" })
          .end(JSON.stringify({ errors: [{ message }] }));
      },
    );
  });
});
server.keepAliveTimeout = 30_000;
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  process.stdout.write(`READY http://127.0.0.1:${port}/\n`);
});
process.once("SIGTERM", () => process.exit(0));
