/**
 * A browser app on a configured origin calls Rollcall with a bearer key (its preflight goes
 * through); the same page served from an origin not configured is refused by the browser.
 */
import { existsSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type GatewayHarness, startGateway } from "../../support/gateway-harness.js";
import { anyVendor } from "../../support/pick-vendor.js";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

describe("a browser app on another origin", () => {
  let app: Server;
  let appPort: number;
  let gw: GatewayHarness;
  let browser: Browser;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM))
      throw new Error(`No Chromium at ${CHROMIUM}: install Debian's chromium (see .ci/run)`);
    // One page server, reached as two origins: 127.0.0.1 (configured) and localhost (not).
    app = createServer((_request, response) =>
      response.writeHead(200, { "content-type": "text/html" }).end("<!doctype html><title>app</title>"),
    );
    await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
    appPort = (app.address() as AddressInfo).port;
    gw = await startGateway({
      instances: [{ vendor: anyVendor(), id: "src" }],
      users: 2,
      auth: { anonymousReads: false },
      extraConfig: { cors: { origins: [`http://127.0.0.1:${appPort}`] } },
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await gw?.stop();
    await new Promise((resolve) => app?.close(resolve));
  });

  /** What a page on `origin` gets from fetch()ing Rollcall with the read key. */
  const callFrom = async (origin: string) => {
    const page = await browser.newPage();
    try {
      await page.goto(`${origin}/`);
      return await page.evaluate(
        async ({ url, key }) => {
          try {
            const response = await fetch(url, {
              method: "POST",
              headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
              body: JSON.stringify({ query: "{ viewer { name } sources { id } }" }),
            });
            return { status: response.status, body: await response.json() };
          } catch (error) {
            return { error: String(error) };
          }
        },
        { url: gw.rollcall.url, key: gw.keys.read },
      );
    } finally {
      await page.close();
    }
  };

  it("can call Rollcall from a configured origin, preflight and all", async () => {
    expect(await callFrom(`http://127.0.0.1:${appPort}`)).toEqual({
      status: 200,
      body: { data: { viewer: { name: "test-reader" }, sources: [{ id: "src" }] } },
    });
  });

  it("is refused by the browser on an origin that is not configured", async () => {
    gw.clearLogs();
    expect(await callFrom(`http://localhost:${appPort}`)).toEqual({ error: "TypeError: Failed to fetch" });
    expect(gw.sims.get("src")!.log.total).toBe(0);
  });
});
