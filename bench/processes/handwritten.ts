/**
 * Benchmark child: the hand-written baseline. Answers every POST on / with the JSON the gateway
 * returns for MID_SIZED (bench/lib/queries.ts) — 20 users of each source with their permissions —
 * by calling the vendors' REST endpoints directly with fetch: no GraphQL, no loaders, no cache.
 * argv[2] is a JSON file `{"sources": {<kind>: {url, source}}}`; prints `READY <url>` when listening.
 */
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import * as qacomplete from "../handwritten/qacomplete.js";
import * as qtest from "../handwritten/qtest.js";
import * as squash from "../handwritten/squash-tm.js";
import * as testrail from "../handwritten/testrail.js";
import * as testresults from "../handwritten/testresults.js";

const FIRST = 20;
const { sources } = JSON.parse(readFileSync(process.argv[2]!, "utf8")) as {
  sources: Record<string, { url: string; source: unknown }>;
};
/** A source's config entry (id, baseUrl, auth…), typed as the reader that takes it expects. */
const config = <T>(kind: string): T => {
  const entry = sources[kind];
  if (!entry) throw new Error(`no source of kind ${kind} in ${process.argv[2]}`);
  return entry.source as T;
};

/** The query's aliases, in its order, each with its source's reader. */
const readers = [
  ["squash_tm", () => squash.users(config("squash-tm"), FIRST)],
  ["testrail", () => testrail.users(config("testrail"), FIRST)],
  ["qtest", () => qtest.users(config("qtest"), FIRST)],
  ["qacomplete", () => qacomplete.users(config("qacomplete"), FIRST)],
  ["testresults", () => testresults.users(config("testresults"), FIRST)],
] as const;

async function answer(): Promise<string> {
  const lists = await Promise.all(readers.map(([, read]) => read()));
  const data = Object.fromEntries(readers.map(([alias], i) => [alias, { nodes: lists[i] }]));
  return JSON.stringify({ data });
}

const server = createServer((req, res) => {
  if (req.method !== "POST" || req.url !== "/") {
    res.writeHead(404).end();
    return;
  }
  req.resume(); // the body is always the same query: read and dropped
  req.on("end", () => {
    answer().then(
      (body) => res.writeHead(200, { "content-type": "application/json" }).end(body),
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
