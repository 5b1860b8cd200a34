/**
 * How the gateway serves the console's bundle at /console: the page and its assets from
 * dist/console with their content types and a policy that lets nothing in from another origin;
 * a clear 503 saying to build it when it is not built; nothing outside the bundle's folder.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerConsole } from "../../../src/server/console.js";
import { type GatewayHarness, startGateway } from "../../support/gateway-harness.js";
import { anyVendor } from "../../support/pick-vendor.js";

describe("the console's route", () => {
  let dir: string;
  let app: FastifyInstance;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "rollcall-console-"));
    writeFileSync(join(dir, "secret.txt"), "outside the assets");
    app = Fastify();
    registerConsole(app, { dir });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("answers 503 saying to run `npm run build` while the bundle is not built, then serves it once it is", async () => {
    const before = await app.inject({ url: "/console/" });
    expect(before.statusCode).toBe(503);
    expect(before.headers["content-type"]).toContain("text/plain");
    expect(before.body).toContain("npm run build");

    mkdirSync(join(dir, "assets"), { recursive: true });
    writeFileSync(
      join(dir, "index.html"),
      `<!doctype html><script type="module" src="/console/assets/a.js"></script>`,
    );
    writeFileSync(join(dir, "assets", "a.js"), "export {};");
    writeFileSync(join(dir, "assets", "a.css"), "body{}");
    const page = await app.inject({ url: "/console/" });
    expect(page.statusCode).toBe(200);
    expect(page.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(page.headers["cache-control"]).toBe("no-cache");
    const policy = String(page.headers["content-security-policy"]);
    for (const directive of [
      "default-src 'none'",
      "script-src 'self'",
      "connect-src 'self'",
      "frame-ancestors 'none'",
    ])
      expect(policy).toContain(directive);
    const script = await app.inject({ url: "/console/assets/a.js" });
    expect([script.statusCode, script.headers["content-type"]]).toEqual([
      200,
      "text/javascript; charset=utf-8",
    ]);
    expect(script.headers["cache-control"]).toContain("immutable");
    const style = await app.inject({ url: "/console/assets/a.css", headers: { "accept-encoding": "gzip" } });
    expect([style.headers["content-type"], style.headers["content-encoding"]]).toEqual([
      "text/css; charset=utf-8",
      "gzip",
    ]);
  });

  it("redirects /console to the page, and serves nothing but the bundle's assets", async () => {
    const bare = await app.inject({ url: "/console" });
    expect([bare.statusCode, bare.headers.location]).toEqual([302, "/console/"]);
    for (const url of [
      "/console/assets/missing.js",
      "/console/assets/..%2Fsecret.txt",
      "/console/assets/%2E%2E%2Fsecret.txt",
      "/console/assets/.hidden",
    ])
      expect((await app.inject({ url })).statusCode, url).toBe(404);
  });
});

describe("the console in the gateway", () => {
  let gw: GatewayHarness;
  let off: GatewayHarness;
  beforeAll(async () => {
    gw = await startGateway({ instances: [{ vendor: anyVendor(), id: "src" }], users: 2 });
    off = await startGateway({
      instances: [{ vendor: anyVendor(), id: "src" }],
      users: 2,
      server: { console: false },
    });
  });
  afterAll(async () => {
    await gw?.stop();
    await off?.stop();
  });

  it("is served at /console, its page naming only assets of its own origin", async () => {
    const response = await fetch(`${gw.rollcall.origin}/console/`);
    expect(response.status).toBe(200);
    const html = await response.text();
    const urls = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(urls.length).toBeGreaterThan(1);
    for (const url of urls) expect(url, url).toMatch(/^(\/console\/assets\/|data:)/);
    for (const url of urls.filter((u) => u.startsWith("/")))
      expect((await fetch(`${gw.rollcall.origin}${url}`)).status, url).toBe(200);
  });

  it("is not served when `server.console` is false", async () => {
    expect((await fetch(`${off.rollcall.origin}/console/`)).status).toBe(404);
  });
});
