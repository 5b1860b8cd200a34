/**
 * Offboarding and onboarding through the console in headless Chromium, against every vendor's
 * simulator over real HTTP: the plan shown step by step, one confirmation (a dialog operable by
 * keyboard alone), each step's result, the vendors' state changed as the steps say (read back
 * through GraphQL, not from the page), and the plan's audit trail. Screenshots go to
 * test-artifacts/console/.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_TEMPLATE, demoTemplates } from "../../../src/demo/demo-templates.js";
import { launchChromium, openConsole, screenshot } from "../../support/console-browser.js";
import { type GatewayHarness, startGateway } from "../../support/gateway-harness.js";
import { takeSnapshotThroughApi } from "../../support/take-snapshot.js";
import { accountsOf, readPlan } from "../plans/plan-queries.js";

interface ApiPerson {
  id: string;
  displayName: string;
  email: string | null;
  accounts: Array<{ active: boolean; source: { id: string } }>;
}

/** The text of the element that has the keyboard focus. */
const focused = (page: Page) => page.evaluate<string | null>("document.activeElement?.textContent ?? null");

/** The plan the page opened, by the id in its address. */
async function openedPlan(page: Page): Promise<string> {
  await page.waitForURL(/#\/plans\//);
  return decodeURIComponent(new URL(page.url()).hash.replace("#/plans/", ""));
}

describe("offboarding and onboarding in the console", () => {
  let gw: GatewayHarness;
  let browser: Browser;
  let active: ApiPerson[];

  beforeAll(async () => {
    gw = await startGateway({ users: 12, extraConfig: { templates: demoTemplates() } });
    browser = await launchChromium();
    const { data, errors } = await gw.gql<{ people: { nodes: ApiPerson[] } }>(
      `{ people(first: 100, filter: { activeAnywhere: true }) { nodes { id displayName email accounts { active source { id } } } } }`,
    );
    expect(errors).toBeUndefined();
    // People active in several tools, each with an email the plan finds them by.
    active = data!.people.nodes.filter((p) => p.email && p.accounts.filter((a) => a.active).length > 2);
    expect(active.length).toBeGreaterThan(1);
    // The people matrix, where a person is found and opened, reads the latest snapshot.
    expect((await takeSnapshotThroughApi(gw)).status).toBe("COMPLETE");
  });
  afterAll(async () => {
    await browser?.close();
    await gw?.stop();
  });

  it("offboards a person end to end: the plan step by step, one confirmation, each step's result, the accounts deactivated, the audit trail", async () => {
    const person = active[0]!;
    const { page, pageErrors } = await openConsole(browser, gw, gw.keys.write);
    await page.getByRole("link", { name: person.displayName, exact: true }).first().click();
    await page.getByLabel("Offboarding mode").selectOption("DEACTIVATE");
    await page.getByRole("button", { name: "Offboard" }).click();
    const planId = await openedPlan(page);

    // The plan as the gateway stored it, shown step by step; nothing sent yet.
    const planned = await readPlan(gw, planId);
    expect(planned.status).toBe("PLANNED");
    const rows = page.getByTestId("plan-steps").locator("tbody tr");
    await expect.poll(() => rows.count()).toBe(planned.steps.length);
    for (const step of planned.steps) {
      const row = page.locator(`tr[data-step="${step.id}"]`);
      const text = await row.innerText();
      expect(text).toContain(step.target.label);
      expect(text).toContain(`${step.from ?? "none"} → ${step.to ?? "none"}`);
      if (!step.possible) expect(text).toContain(step.reason!);
    }
    expect((await accountsOf(gw, person.email!)).filter((a) => a.active).length).toBeGreaterThan(2);
    await screenshot(page, "offboard-plan");

    await page.getByRole("button", { name: /^Apply \d+ steps?$/ }).click();
    const dialog = page.getByRole("dialog", { name: "Apply this plan?" });
    await dialog.waitFor();
    await screenshot(page, "offboard-confirm");
    await dialog.getByRole("button", { name: /^Yes, apply/ }).click();

    await expect
      .poll(() => page.getByTestId("plan-status").textContent(), { timeout: 20_000 })
      .not.toBe("PLANNED");
    const applied = await readPlan(gw, planId);
    expect(["APPLIED", "PARTIAL"]).toContain(applied.status);
    expect(await page.getByTestId("plan-status").textContent()).toBe(applied.status);
    for (const step of applied.steps)
      await expect
        .poll(() => page.locator(`tr[data-step="${step.id}"]`).getAttribute("data-state"))
        .toBe(step.state);

    // The vendors' own state, read back through GraphQL: every account a step deactivated is inactive.
    const after = await accountsOf(gw, person.email!);
    const done = applied.steps.filter((s) => s.state === "APPLIED");
    expect(done.length).toBeGreaterThan(1);
    for (const step of done)
      expect(after.find((a) => a.source.id === step.sourceId)?.active, step.sourceId).toBe(false);

    // The audit trail of this plan: one event per step sent, each APPLIED.
    const trail = page.getByRole("table", { name: "What applying this plan sent" });
    await expect.poll(() => trail.locator("tbody tr").count()).toBe(done.length);
    expect(await trail.innerText()).toContain("key:test-writer");
    expect(pageErrors).toEqual([]);
    await screenshot(page, "offboard-applied");
    await page.close();
  });

  it("onboards a new person from a configured template, with an initial password, and their accounts exist afterwards", async () => {
    const email = "console.newcomer@example.com";
    const { page } = await openConsole(browser, gw, gw.keys.write, "#/onboard");
    await page.getByLabel("Template").selectOption(DEMO_TEMPLATE);
    expect(await page.getByTestId("template-description").textContent()).toContain(
      demoTemplates()[DEMO_TEMPLATE]!.description!,
    );
    await page.getByLabel("Email").fill(email);
    await page.getByLabel(/^First name/).fill("Console");
    await page.getByLabel(/^Last name/).fill("Newcomer");
    await page.getByRole("button", { name: "Plan onboarding" }).click();
    const planId = await openedPlan(page);
    const planned = await readPlan(gw, planId);
    expect(planned.kind).toBe("ONBOARDING");
    const creates = planned.steps.filter((s) => s.action === "CREATE_ACCOUNT");
    expect(creates.length).toBeGreaterThan(1);
    await expect
      .poll(() => page.getByTestId("plan-steps").locator("tbody tr").count())
      .toBe(planned.steps.length);
    expect(await accountsOf(gw, email)).toEqual([]);

    await page.getByLabel(/^Initial password/).fill("Welcome#2026");
    await page.getByRole("button", { name: /^Apply \d+ steps?$/ }).click();
    await page
      .getByRole("dialog")
      .getByRole("button", { name: /^Yes, apply/ })
      .click();
    await expect
      .poll(() => page.getByTestId("plan-status").textContent(), { timeout: 20_000 })
      .toBe("APPLIED");

    const accounts = await accountsOf(gw, email);
    expect(accounts.map((a) => a.source.id).sort()).toEqual(creates.map((s) => s.sourceId).sort());
    expect(accounts.every((a) => a.active)).toBe(true);
    await screenshot(page, "onboard-applied");
    await page.close();
  });

  it("takes the confirmation by keyboard alone: Escape cancels and sends nothing, Tab then Enter applies", async () => {
    const person = active[1]!;
    const { page } = await openConsole(
      browser,
      gw,
      gw.keys.write,
      `#/people/${encodeURIComponent(person.id)}`,
    );
    await page.getByLabel("Offboarding mode").focus();
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    const planId = await openedPlan(page);
    const apply = page.getByRole("button", { name: /^Apply \d+ steps?$/ });
    await apply.focus();
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog", { name: "Apply this plan?" });
    await dialog.waitFor();
    // Cancel holds the focus first: Enter alone never confirms.
    expect(await focused(page)).toBe("Cancel");
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });
    expect(await focused(page)).toMatch(/^Apply \d+ steps?$/);
    expect((await readPlan(gw, planId)).status).toBe("PLANNED");

    await page.keyboard.press("Enter");
    await dialog.waitFor();
    await page.keyboard.press("Tab");
    expect(await focused(page)).toMatch(/^Yes, apply/);
    await screenshot(page, "keyboard-confirm");
    await page.keyboard.press("Enter");
    await expect
      .poll(() => page.getByTestId("plan-status").textContent(), { timeout: 20_000 })
      .not.toBe("PLANNED");
    expect(["APPLIED", "PARTIAL"]).toContain((await readPlan(gw, planId)).status);
    await page.close();
  });
});
