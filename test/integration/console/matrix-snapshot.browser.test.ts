/**
 * How fresh the matrix is, in headless Chromium against every vendor's simulator: with no snapshot
 * the page says so and offers one (write) or live reads marked slow; a snapshot taken from the page
 * is followed and then read; a source the snapshot could not read is "not known" in every row,
 * never "no account", and named above the matrix.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { vendors } from "../../../src/vendors/registry.js";
import { launchChromium, openConsole, screenshot } from "../../support/console-browser.js";
import { type GatewayHarness, startGateway } from "../../support/gateway-harness.js";
import { takeSnapshotThroughApi } from "../../support/take-snapshot.js";

describe("the matrix's freshness", () => {
  let gw: GatewayHarness;
  let browser: Browser;
  let people: number;

  beforeAll(async () => {
    gw = await startGateway({ users: 5, extraConfig: { rateLimit: { enabled: false } } });
    browser = await launchChromium();
    const { data } = await gw.gql<{ people: { totalCount: number } }>(`{ people(first: 0) { totalCount } }`);
    people = data!.people.totalCount;
  });
  afterAll(async () => {
    await browser?.close();
    await gw?.stop();
  });

  const latestSnapshotId = async () =>
    (
      await gw.gql<{ snapshots: { nodes: Array<{ id: string }> } }>(
        `{ snapshots(first: 1) { nodes { id } } }`,
      )
    ).data!.snapshots.nodes[0]?.id;

  it("says no snapshot has been taken yet, and offers a read-only caller live reads, marked slow", async () => {
    const { page, pageErrors } = await openConsole(browser, gw, gw.keys.read);
    await page.getByText("No snapshot has been taken yet.").waitFor();
    expect(await page.getByTestId("people-count").textContent()).toBe("No snapshot to show people from");
    await expect(page.getByRole("button", { name: "Take a snapshot" }).count()).resolves.toBe(0);
    await screenshot(page, "matrix-no-snapshot");
    await page.getByRole("button", { name: "Read live instead (slow)" }).click();
    await expect
      .poll(() => page.getByTestId("matrix-freshness").textContent())
      .toContain("Live: read from every tool now");
    await expect
      .poll(() => page.getByTestId("people-count").textContent())
      .toBe(`Showing ${people} of ${people} people`);
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it("takes a snapshot from the page (write scope), follows it, then shows the matrix as of it", {
    timeout: 60_000,
  }, async () => {
    const { page, pageErrors } = await openConsole(browser, gw, gw.keys.write);
    await page.getByRole("button", { name: "Take a snapshot" }).click();
    await expect
      .poll(() => page.getByTestId("snapshot-status").textContent(), { timeout: 30_000 })
      .toBe("COMPLETE");
    const id = await latestSnapshotId();
    await expect
      .poll(() => page.getByTestId("matrix-as-of").textContent())
      .toContain(`from snapshot ${id}, complete`);
    await expect
      .poll(() => page.getByTestId("people-count").textContent())
      .toBe(`Showing ${people} of ${people} people`);
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it("shows a source the latest snapshot could not read as not known in every row, names it, and a fresh snapshot reads it again", {
    timeout: 90_000,
  }, async () => {
    const failing = vendors[0]!;
    gw.sims.get(failing.kind)!.faults.inject({ kind: "5xx", status: 503 });
    try {
      expect((await takeSnapshotThroughApi(gw)).status).toBe("PARTIAL");
    } finally {
      gw.sims.get(failing.kind)!.faults.clear();
    }
    const { page } = await openConsole(browser, gw, gw.keys.write);
    const alert = page.getByRole("alert").filter({ hasText: "Not read in this snapshot" });
    await expect.poll(() => alert.textContent()).toContain(`(${failing.kind})`);
    await expect.poll(() => page.getByTestId("people-count").textContent()).toContain("Showing");
    const cells = await page.locator(`td[data-source="${failing.kind}"]`).allInnerTexts();
    expect(cells.length).toBeGreaterThan(0);
    expect(new Set(cells.map((t) => t.trim()))).toEqual(new Set(["Not known (not read)"]));
    // Another source's column still shows what the snapshot read there.
    const other = await page.locator(`td[data-source="${vendors[1]!.kind}"]`).allInnerTexts();
    expect(other.some((t) => !t.startsWith("Not known"))).toBe(true);
    await screenshot(page, "matrix-source-not-read");

    await page.getByRole("button", { name: "Take a fresh snapshot" }).click();
    await expect
      .poll(() => page.getByTestId("snapshot-status").textContent(), { timeout: 30_000 })
      .toBe("COMPLETE");
    const id = await latestSnapshotId();
    await expect
      .poll(() => page.getByTestId("matrix-as-of").textContent())
      .toContain(`from snapshot ${id}, complete`);
    await expect.poll(() => alert.count()).toBe(0);
    const again = await page.locator(`td[data-source="${failing.kind}"]`).allInnerTexts();
    expect(again.some((t) => t.startsWith("Not known"))).toBe(false);
    await page.close();
  });
});
