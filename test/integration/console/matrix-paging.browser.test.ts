/**
 * The matrix at size, in headless Chromium against every vendor's simulator: people come from the
 * latest snapshot a page at a time, only the rows in view are in the document however many are
 * loaded, and scrolling to the end of what is loaded asks for the next page, once (of the same
 * snapshot), with no vendor call.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, openConsole, screenshot } from "../../support/console-browser.js";
import { type GatewayHarness, startGateway } from "../../support/gateway-harness.js";
import { takeSnapshotThroughApi } from "../../support/take-snapshot.js";

describe("the people matrix at size", () => {
  let gw: GatewayHarness;
  let browser: Browser;
  let total: number;

  beforeAll(async () => {
    gw = await startGateway({ users: 450 });
    browser = await launchChromium();
    expect((await takeSnapshotThroughApi(gw)).status).toBe("COMPLETE");
    const { data } = await gw.gql<{ people: { totalCount: number } }>(`{ people(first: 0) { totalCount } }`);
    total = data!.people.totalCount;
    expect(total).toBeGreaterThan(400);
  });
  afterAll(async () => {
    await browser?.close();
    await gw?.stop();
  });

  it("loads a page of people, renders only the rows in view, and loads the next page when scrolled to the end", async () => {
    const { page } = await openConsole(browser, gw, gw.keys.read);
    const count = page.getByTestId("people-count");
    await expect.poll(() => count.textContent()).toBe(`Showing 200 of ${total} people`);
    gw.clearLogs();
    const rendered = await page.locator("section.matrix tbody th").count();
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(60);

    const pagesAsked = () =>
      page.evaluate<number>(
        "performance.getEntriesByType('resource').filter((e) => e.name.endsWith('/graphql')).length",
      );
    const before = await pagesAsked();
    await page.locator("section.matrix").evaluate((e) => e.scrollTo(0, e.scrollHeight));
    await expect.poll(() => count.textContent()).toBe(`Showing 400 of ${total} people`);
    expect(await pagesAsked()).toBe(before + 1);
    // The next page came from the snapshot: no vendor was asked anything.
    expect(gw.upstreamCounts()).toEqual(Object.fromEntries([...gw.sims.keys()].map((id) => [id, 0])));
    // The last loaded rows are in view now, the first ones gone from the document.
    expect(await page.locator("section.matrix tbody th").count()).toBeLessThan(60);
    await screenshot(page, "people-matrix-scrolled");
    await page.close();
  });
});
