import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { gzipSync } from "node:zlib";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

/**
 * GraphiQL served by the gateway itself from its npm packages: no CDN, so it works offline and
 * in air-gapped installs. GraphiQL 3 ships a UMD bundle that runs on React 18's UMD builds.
 */
const require = createRequire(import.meta.url);
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));

const ASSETS: Record<string, { file: string; type: string }> = {
  "react.js": { file: join(packageDir("react"), "umd/react.production.min.js"), type: "text/javascript" },
  "react-dom.js": {
    file: join(packageDir("react-dom"), "umd/react-dom.production.min.js"),
    type: "text/javascript",
  },
  "graphiql.js": { file: require.resolve("graphiql/graphiql.min.js"), type: "text/javascript" },
  "graphiql.css": { file: require.resolve("graphiql/graphiql.min.css"), type: "text/css" },
};

interface Asset {
  readonly type: string;
  readonly plain: Buffer;
  readonly gzip: Buffer;
}

const DEFAULT_QUERY = `# Welcome to Rollcall: one endpoint over every test-management tool.
# Press the run button (or Ctrl-Enter) to see who has access to what.
query Directory {
  sources { id kind name status { reachable } }
  users(first: 10) {
    totalCount
    edges { node { id displayName email active source { id } teams { nodes { name } } permissions { level role project { name } } } }
    pageInfo { hasNextPage endCursor }
  }
}
`;

function page(endpoint: string, defaultHeaders: string | null): string {
  const config = JSON.stringify({ endpoint, defaultQuery: DEFAULT_QUERY, defaultHeaders }).replace(
    /</g,
    "\\u003c",
  );
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8" />
  <meta name="viewport" content="width=device-width, initial-scale=1" />
  <title>Rollcall · GraphiQL</title>
  <link rel="stylesheet" href="/graphiql/assets/graphiql.css" />
  <style>html, body, #graphiql { height: 100%; margin: 0; }</style>
</head>
<body>
  <div id="graphiql">Loading GraphiQL…</div>
  <script src="/graphiql/assets/react.js"></script>
  <script src="/graphiql/assets/react-dom.js"></script>
  <script src="/graphiql/assets/graphiql.js"></script>
  <script>
    const config = ${config};
    const params = new URLSearchParams(location.search);
    const fetcher = GraphiQL.createFetcher({ url: config.endpoint });
    ReactDOM.createRoot(document.getElementById("graphiql")).render(
      React.createElement(GraphiQL, {
        fetcher,
        defaultQuery: config.defaultQuery,
        query: params.get("query") ?? undefined,
        headers: params.get("headers") ?? config.defaultHeaders ?? undefined,
        defaultEditorToolsVisibility: config.defaultHeaders ? "headers" : undefined,
      }),
    );
  </script>
</body>
</html>`;
}

/** A browser navigating here (it asks for HTML first); GraphQL clients ask for JSON. The page
 *  takes `?query=` to pre-fill its editor, so a shareable link opens GraphiQL, not a GET query. */
export function wantsHtml(request: FastifyRequest): boolean {
  return request.method === "GET" && (request.headers.accept ?? "").includes("text/html");
}

export interface GraphiqlOptions {
  readonly endpoint: string;
  /** Headers pre-filled in GraphiQL's header editor (the demo puts its write key here). */
  readonly defaultHeaders?: Record<string, string>;
}

/** Registers the asset routes; returns the handler that sends the page. */
export function registerGraphiql(app: FastifyInstance, options: GraphiqlOptions) {
  const assets = new Map<string, Asset>();
  const load = (name: string): Asset | undefined => {
    const spec = ASSETS[name];
    if (!spec) return undefined;
    let asset = assets.get(name);
    if (!asset) {
      const plain = readFileSync(spec.file);
      asset = { type: spec.type, plain, gzip: gzipSync(plain) };
      assets.set(name, asset);
    }
    return asset;
  };
  app.get<{ Params: { name: string } }>("/graphiql/assets/:name", async (request, reply) => {
    const asset = load(request.params.name);
    if (!asset) return reply.code(404).send({ error: "not found" });
    void reply.header("content-type", asset.type).header("cache-control", "public, max-age=86400");
    if (String(request.headers["accept-encoding"] ?? "").includes("gzip"))
      return reply.header("content-encoding", "gzip").send(asset.gzip);
    return reply.send(asset.plain);
  });
  app.get("/favicon.ico", (_request, reply) => reply.code(204).send());
  const html = page(
    options.endpoint,
    options.defaultHeaders ? JSON.stringify(options.defaultHeaders, null, 2) : null,
  );
  return (_request: FastifyRequest, reply: FastifyReply) =>
    reply.header("content-type", "text/html; charset=utf-8").send(html);
}
