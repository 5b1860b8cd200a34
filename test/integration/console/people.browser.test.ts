/**
 * The console's people pages in headless Chromium, against every vendor's simulator over real HTTP:
 * who is signed in decides what may be done, the matrix shows each person's highest level per
 * source as of the latest snapshot (taken first, so it agrees with what the API reports live),
 * search narrows it, and a person's page shows their accounts, access and changes. Screenshots go
 * to test-artifacts/console/.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, openConsole, screenshot, worstContrasts } from "../../support/console-browser.js";
import { type GatewayHarness, startGateway } from "../../support/gateway-harness.js";
import { type TakenSnapshot, takeSnapshotThroughApi } from "../../support/take-snapshot.js";

interface ApiPerson {
  id: string;
  displayName: string;
  email: string | null;
  accounts: Array<{ active: boolean; source: { id: string } }>;
  access: Array<{ level: string; source: { id: string } }>;
}

/** The order `Person.highestLevel` documents, weakest first, and the words the console shows. */
const LEVELS = ["UNKNOWN", "CUSTOM", "NONE", "VIEW", "EXECUTE", "EDIT", "MANAGE", "ADMIN"];
const LABEL: Record<string, string> = {
  UNKNOWN: "Unknown role",
  CUSTOM: "Custom",
  NONE: "None",
  VIEW: "View",
  EXECUTE: "Execute",
  EDIT: "Edit",
  MANAGE: "Manage",
  ADMIN: "Admin",
};

/** What a matrix cell should say, worked out from the API's answer (not from the console's code). */
function expectedCell(person: ApiPerson, source: string): string {
  const accounts = person.accounts.filter((a) => a.source.id === source);
  if (accounts.length === 0) return "no account";
  const levels = person.access.filter((p) => p.source.id === source).map((p) => LEVELS.indexOf(p.level));
  const words = levels.length ? LABEL[LEVELS[Math.max(...levels)]!]! : "No access";
  return accounts.some((a) => a.active) ? words : `${words} inactive`;
}

describe("the console's people pages", () => {
  let gw: GatewayHarness;
  let browser: Browser;
  let everyone: ApiPerson[];
  let snapshot: TakenSnapshot;

  beforeAll(async () => {
    gw = await startGateway({ users: 12 });
    browser = await launchChromium();
    snapshot = await takeSnapshotThroughApi(gw);
    expect(snapshot.status).toBe("COMPLETE");
    const { data, errors } = await gw.gql<{ people: { nodes: ApiPerson[] } }>(
      `{ people(first: 100) { nodes { id displayName email accounts { active source { id } } access { level source { id } } } } }`,
    );
    expect(errors).toBeUndefined();
    everyone = data!.people.nodes;
  });
  afterAll(async () => {
    await browser?.close();
    await gw?.stop();
  });

  it("signs in with a write key: the caller is named with its scopes, and write actions are offered", async () => {
    const { page, requested, pageErrors, graphqlAuthorizations } = await openConsole(
      browser,
      gw,
      gw.keys.write,
    );
    await expect.poll(() => page.getByTestId("viewer").textContent()).toContain("test-writer (read, write)");
    await expect(page.getByRole("link", { name: "Onboard" }).count()).resolves.toBe(1);
    const someone = everyone.find((p) => p.accounts.length > 1 && p.email)!;
    await page.getByRole("link", { name: someone.displayName, exact: true }).first().click();
    await page.getByRole("heading", { name: someone.displayName, level: 2 }).waitFor();
    await expect(page.getByRole("button", { name: "Offboard" }).count()).resolves.toBe(1);
    expect(pageErrors).toEqual([]);
    expect(requested.filter((u) => !u.startsWith(gw.rollcall.origin))).toEqual([]);
    // The credential is sent as the gateway expects, and kept in this tab only.
    const stored = await page.evaluate<[number, number]>("[localStorage.length, sessionStorage.length]");
    expect(stored).toEqual([0, 1]);
    expect(graphqlAuthorizations.at(-1)).toBe(`Bearer ${gw.keys.write}`);
    await page.close();
  });

  it("signs in with a read-only key: the same pages, and no write button anywhere", async () => {
    const { page } = await openConsole(browser, gw, gw.keys.read);
    await expect.poll(() => page.getByTestId("viewer").textContent()).toContain("test-reader (read)");
    await page.getByRole("link", { name: everyone[0]!.displayName, exact: true }).first().waitFor();
    await expect(page.getByRole("link", { name: "Onboard" }).count()).resolves.toBe(0);
    const someone = everyone.find((p) => p.accounts.length > 1)!;
    await page.goto(`${gw.rollcall.origin}/console/#/people/${encodeURIComponent(someone.id)}`);
    await page.getByRole("heading", { name: "Accounts" }).waitFor();
    await expect(page.getByRole("button", { name: "Offboard" }).count()).resolves.toBe(0);
    await page.goto(`${gw.rollcall.origin}/console/#/onboard`);
    await page.getByText("This page needs write scope.").waitFor();
    await screenshot(page, "read-only-onboard");
    await page.close();
  });

  it("refuses a key the gateway does not know, saying so, and shows no data", async () => {
    const { page } = await openConsole(browser, gw, "not-a-key");
    await page.getByRole("alert").waitFor();
    expect(await page.getByRole("alert").textContent()).toContain("Signing in failed");
    await expect(page.getByRole("table").count()).resolves.toBe(0);
    await page.close();
  });

  it("shows everyone × every source as of the latest snapshot, each cell the highest level the API reports, in words", async () => {
    const { page } = await openConsole(browser, gw, gw.keys.read);
    const count = page.getByTestId("people-count");
    await expect
      .poll(() => count.textContent())
      .toBe(`Showing ${everyone.length} of ${everyone.length} people`);
    // Said plainly: which snapshot, finished when, and that it is not now.
    const asOf = page.getByTestId("matrix-as-of");
    await expect.poll(() => asOf.textContent()).toContain(`from snapshot ${snapshot.id}, complete`);
    expect(await asOf.locator("time").getAttribute("datetime")).toBe(snapshot.finishedAt);
    const { data } = await gw.gql<{ sources: Array<{ id: string; name: string }> }>(
      `{ sources { id name } }`,
    );
    const sources = data!.sources;
    for (const s of sources) await page.getByRole("columnheader", { name: s.name }).first().waitFor();
    // A few people with accounts in several sources and different levels: every cell of their row.
    const checked = everyone.filter((p) => p.accounts.length > 1).slice(0, 4);
    expect(checked.length).toBeGreaterThan(1);
    const levelsSeen = new Set<string>();
    for (const person of checked) {
      const row = page
        .getByRole("row")
        .filter({ has: page.getByRole("link", { name: person.displayName, exact: true }) });
      for (const s of sources) {
        const text = (await row.locator(`td[data-source="${s.id}"]`).innerText()).replace(/\s+/g, " ").trim();
        const want = expectedCell(person, s.id);
        expect(
          want === "no account" ? text.replace("—", "").trim() : text,
          `${person.displayName} in ${s.id}`,
        ).toBe(want);
        levelsSeen.add(want);
      }
    }
    expect(levelsSeen.size).toBeGreaterThan(1);
    await screenshot(page, "people-matrix");
    await page.close();
  });

  it("keeps every text readable: each badge, link, header and note at least 4.5:1 against its background (WCAG AA)", async () => {
    const { page } = await openConsole(browser, gw, gw.keys.write);
    await expect.poll(() => page.getByTestId("people-count").textContent()).toContain("Showing");
    const worst = await worstContrasts(page);
    expect(worst.length).toBeGreaterThan(0);
    expect(worst[0]!.ratio, JSON.stringify(worst[0])).toBeGreaterThanOrEqual(4.5);
    await page.close();
  });

  it("narrows the matrix as a name is typed, to the people whose names match", async () => {
    const { page } = await openConsole(browser, gw, gw.keys.read);
    const target = everyone.find((p) => p.accounts.length > 1)!;
    const term = target.displayName.split(" ").at(-1)!;
    const matching = everyone.filter((p) => p.displayName.toLowerCase().includes(term.toLowerCase()));
    expect(matching.length).toBeLessThan(everyone.length);
    await page.getByLabel("Search by name or email").fill(term);
    await expect
      .poll(() => page.getByTestId("people-count").textContent())
      .toBe(`Showing ${matching.length} of ${matching.length} people`);
    const names = await page.locator("tbody th a").allInnerTexts();
    expect(names.sort()).toEqual(matching.map((p) => p.displayName).sort());
    await screenshot(page, "people-search");
    await page.close();
  });

  it("opens a person: their accounts per tool, their access with level, and the changes made for them", async () => {
    const person = everyone.find((p) => p.accounts.length > 1 && p.access.length > 0)!;
    const { page } = await openConsole(browser, gw, gw.keys.read);
    await page.getByRole("link", { name: person.displayName, exact: true }).first().click();
    await page.getByRole("heading", { name: "Accounts" }).waitFor();
    const accounts = page.getByRole("table", { name: `Accounts of ${person.displayName}` });
    await expect(accounts.locator("tbody tr").count()).resolves.toBe(person.accounts.length);
    const access = page.getByRole("table", { name: `Access of ${person.displayName}` });
    await expect(access.locator("tbody tr").count()).resolves.toBe(person.access.length);
    await page.getByRole("heading", { name: "Changes" }).waitFor();
    await page.getByText("No changes recorded.").waitFor();
    await screenshot(page, "person");
    await page.close();
  });
});
