import { existsSync } from "node:fs";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type GatewayHarness, startGateway } from "../support/gateway-harness.js";
import { anyVendor } from "../support/pick-vendor.js";

/** Debian's chromium (`.ci/run` installs it); CHROMIUM_PATH points elsewhere. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

describe("GraphiQL served by the gateway", () => {
  let gw: GatewayHarness;
  let browser: Browser;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM))
      throw new Error(`No Chromium at ${CHROMIUM}: install Debian's chromium (see .ci/run)`);
    gw = await startGateway({ instances: [{ vendor: anyVendor(), id: "src" }], users: 3 });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      // Root in CI, and a closed network: no sandbox, no background calls home.
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await gw?.stop();
  });

  it("runs a query typed in the page, loading nothing from outside the gateway", async () => {
    const page = await browser.newPage();
    const requested: string[] = [];
    page.on("request", (r) => requested.push(r.url()));
    const query = `{ users(first: 2) { nodes { displayName } } }`;
    const { data } = await gw.gql<{ users: { nodes: Array<{ displayName: string }> } }>(query);
    const names = data!.users.nodes.map((u) => u.displayName);
    await page.goto(`${gw.rollcall.url}?query=${encodeURIComponent(query)}`);
    await page.locator(".graphiql-execute-button").click();
    const result = page.locator(".result-window");
    await expect
      .poll(async () => (await result.textContent()) ?? "", { timeout: 15_000 })
      .toContain(names[0]);
    expect(await result.textContent()).toContain(names[1]);
    expect(requested.length).toBeGreaterThan(3);
    expect(requested.filter((u) => !u.startsWith(gw.rollcall.origin))).toEqual([]);
    await page.close();
  });
});
