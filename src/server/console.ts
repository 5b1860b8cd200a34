import { readFile } from "node:fs/promises";
import { extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

/**
 * The admin console (README "Console"): the page `npm run build` bundles from console/ into
 * dist/console, served by the gateway itself, like GraphiQL — no CDN, nothing from another origin,
 * so it works offline. It holds no data and no secret: it calls /graphql with the caller's own
 * credentials, as any client does.
 */
export const CONSOLE_PATH = "/console";

/** dist/console from this file both as src/server/console.ts (tests) and dist/server/console.js. */
export const DEFAULT_CONSOLE_DIR = fileURLToPath(new URL("../../dist/console/", import.meta.url));

const TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".html": "text/html; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".woff2": "font/woff2",
};

/** Only the gateway's own origin: scripts, styles and GraphQL calls; no inline script, no framing. */
const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

const NOT_BUILT =
  "The console is not built: run `npm run build` (it bundles console/ into dist/console), then reload this page.";

interface File {
  readonly type: string;
  readonly plain: Buffer;
  readonly gzip: Buffer;
}

export interface ConsoleOptions {
  /** Where the built bundle is; default dist/console. */
  readonly dir?: string;
}

export function registerConsole(app: FastifyInstance, options: ConsoleOptions = {}): void {
  const dir = options.dir ?? DEFAULT_CONSOLE_DIR;
  // Files are read once each, on first request: a bundle built after start is found, never re-read.
  const files = new Map<string, Promise<File | null>>();
  const load = (path: string): Promise<File | null> => {
    let file = files.get(path);
    if (!file) {
      file = readFile(join(dir, path)).then(
        (plain) => ({
          type: TYPES[extname(path)] ?? "application/octet-stream",
          plain,
          gzip: gzipSync(plain),
        }),
        () => null,
      );
      files.set(path, file);
      // A missing file is looked for again next time (the bundle may be built meanwhile).
      void file.then((found) => found ?? files.delete(path));
    }
    return file;
  };
  const send = (request: FastifyRequest, reply: FastifyReply, file: File, cache: string) => {
    void reply
      .header("content-type", file.type)
      .header("cache-control", cache)
      .header("x-content-type-options", "nosniff")
      .header("vary", "accept-encoding");
    if (String(request.headers["accept-encoding"] ?? "").includes("gzip"))
      return reply.header("content-encoding", "gzip").send(file.gzip);
    return reply.send(file.plain);
  };

  app.get(CONSOLE_PATH, (_request, reply) => reply.redirect(`${CONSOLE_PATH}/`));
  app.get(`${CONSOLE_PATH}/`, async (request, reply) => {
    const page = await load("index.html");
    if (!page) return reply.code(503).header("content-type", "text/plain; charset=utf-8").send(NOT_BUILT);
    void reply
      .header("content-security-policy", CONTENT_SECURITY_POLICY)
      .header("referrer-policy", "no-referrer")
      .header("x-frame-options", "DENY");
    // The page names its hashed assets: it is checked again each time, they are kept.
    return send(request, reply, page, "no-cache");
  });
  app.get<{ Params: { name: string } }>(`${CONSOLE_PATH}/assets/:name`, async (request, reply) => {
    const { name } = request.params;
    const file = /^[\w.-]+$/.test(name) && !name.startsWith(".") ? await load(join("assets", name)) : null;
    if (!file) return reply.code(404).send({ error: "not found" });
    return send(request, reply, file, "public, max-age=31536000, immutable");
  });
}
