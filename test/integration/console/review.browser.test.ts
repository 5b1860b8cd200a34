/**
 * The console's snapshot and review pages in headless Chromium, against every vendor's simulator
 * over real HTTP: a snapshot taken from the page and followed source by source until it ends, no
 * Take-snapshot button for a read-only caller, the changes between the last two snapshots with
 * their origin (through Rollcall, or straight in the vendor), finding counts as the API gives
 * them, an export downloaded with the caller's credential, and a person's findings and changes on
 * their page. Anonymous reads are off here, so every read (the exports too) needs the credential.
 * Screenshots go to test-artifacts/console/.
 */
import { readFileSync } from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SourceConfig } from "../../../src/config/config-schema.js";
import { parseConfig } from "../../../src/config/load-config.js";
import { SnapshotTrigger } from "../../../src/history/snapshot.js";
import { takeSnapshot } from "../../../src/history/take-snapshot.js";
import { SourceSession } from "../../../src/loaders/source-session.js";
import { Capability } from "../../../src/model/capabilities.js";
import { fromGlobalId } from "../../../src/schema/common/global-id.js";
import { ACCESS_COLUMNS, FINDING_COLUMNS } from "../../../src/server/exports/export-rows.js";
import { connect } from "../../../src/vendors/capabilities.js";
import type { Connector } from "../../../src/vendors/connector.js";
import { launchChromium, openConsole, screenshot, worstContrasts } from "../../support/console-browser.js";
import { type GatewayHarness, startGateway } from "../../support/gateway-harness.js";
import { vendorWhere } from "../../support/pick-vendor.js";

const vendor = vendorWhere((c) => c.capabilities.has(Capability.DEACTIVATE_USERS), "that deactivates users");
const source = vendor.kind;

interface ApiPerson {
  id: string;
  displayName: string;
  email: string | null;
  accounts: Array<{ id: string; displayName: string; active: boolean; source: { id: string } }>;
}

interface Counts {
  findingCounts: Array<{ kind: string; count: number | null; snapshot: string }>;
}

const FINDING_KINDS = [
  "DORMANT_ACCOUNT",
  "INACTIVE_WITH_ACCESS",
  "NOT_IN_ROSTER",
  "PARTIAL_OFFBOARDING",
  "PRIVILEGED_ACCOUNT",
  "UNOWNED_ACCOUNT",
];

describe("the console's snapshots and review", () => {
  let gw: GatewayHarness;
  let browser: Browser;
  let outsider: Connector;
  let viaRollcall: ApiPerson;
  let viaVendor: ApiPerson;
  const accountIn = (p: ApiPerson) => p.accounts.find((a) => a.source.id === source && a.active)!;
  const read = <D>(query: string, variables?: Record<string, unknown>) =>
    gw.gql<D>(query, variables, { authorization: `Bearer ${gw.keys.read}` });
  const snapshotNow = () =>
    takeSnapshot(gw.rollcall.gateway, gw.rollcall.store, {
      trigger: SnapshotTrigger.MANUAL,
      takenBy: "spec",
    });

  beforeAll(async () => {
    gw = await startGateway({ users: 12, auth: { anonymousReads: false } });
    browser = await launchChromium();
    // The vendor's own API, as its UI or a script would use it: same instance, no Rollcall trail.
    const [config] = parseConfig({
      sources: [vendor.simulator.demoSource(gw.sims.get(source)!.url, source)],
    }).sources;
    outsider = connect(vendor, config as SourceConfig);
    const { data, errors } = await read<{ people: { nodes: ApiPerson[] } }>(
      `{ people(first: 100, filter: { activeAnywhere: true }) { nodes { id displayName email accounts { id displayName active source { id } } } } }`,
    );
    expect(errors).toBeUndefined();
    // Two people active in the vendor and elsewhere: deactivating one account leaves them half-offboarded.
    const candidates = data!.people.nodes.filter(
      (p) =>
        p.email &&
        p.accounts.some((a) => a.source.id === source && a.active) &&
        p.accounts.some((a) => a.source.id !== source && a.active),
    );
    expect(candidates.length).toBeGreaterThan(1);
    [viaRollcall, viaVendor] = candidates as [ApiPerson, ApiPerson];
  });
  afterAll(async () => {
    await outsider?.close();
    await browser?.close();
    await gw?.stop();
  });

  it("takes a snapshot from the page and follows it, source by source, until it is COMPLETE", async () => {
    const { page, pageErrors } = await openConsole(browser, gw, gw.keys.write, "#/snapshots");
    await page.getByRole("heading", { name: "Snapshots", level: 2 }).waitFor();
    // Before signing in, the page's anonymous read was refused (anonymous reads are off): not this test's.
    const errorsBefore = pageErrors.length;
    // Every text the live region says, as it says it (the page may say several between two looks).
    await page.evaluate(`(() => {
      window.__said = [];
      new MutationObserver(() => {
        const region = document.querySelector('[data-testid="snapshot-summary"]');
        const text = region && region.textContent;
        if (text && window.__said.at(-1) !== text) window.__said.push(text);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    })()`);
    await page.getByRole("button", { name: "Take snapshot" }).click();
    await expect
      .poll(() => page.getByTestId("snapshot-status").textContent(), { timeout: 30_000 })
      .toBe("COMPLETE");

    const said = await page.evaluate<string[]>("window.__said");
    const n = gw.sims.size;
    expect(said[0]).toMatch(new RegExp(`^Snapshot running: \\d+ of ${n} sources read$`));
    expect(said.at(-1)).toMatch(new RegExp(`^Snapshot complete: \\d+ accounts from ${n} of ${n} sources$`));
    expect(
      await page.getByRole("status").filter({ hasText: "Snapshot complete" }).getAttribute("aria-live"),
    ).toBe("polite");
    // The snapshot as the API has it: each source's bar full, at its account count.
    const id = (await page.getByRole("heading", { name: /^Snapshot snap_/ }).textContent())!.match(
      /snap_\S+/,
    )![0];
    const { data } = await read<{
      snapshot: {
        status: string;
        trigger: string;
        takenBy: string;
        sources: Array<{ sourceId: string; accountsRead: number; source: { name: string } }>;
      };
    }>(
      `query ($id: ID!) { snapshot(id: $id) { status trigger takenBy sources { sourceId accountsRead source { name } } } }`,
      { id },
    );
    expect(data!.snapshot).toMatchObject({
      status: "COMPLETE",
      trigger: "MANUAL",
      takenBy: "key:test-writer",
    });
    for (const s of data!.snapshot.sources) {
      const bar = page.getByRole("progressbar", { name: `${s.source.name} progress` });
      expect(await bar.getAttribute("aria-valuenow")).toBe(String(s.accountsRead));
      expect(await bar.getAttribute("aria-valuemax")).toBe(String(s.accountsRead));
    }
    // The list is read again with it, newest first.
    const row = page.locator(`tr[data-snapshot="${id}"]`);
    await expect.poll(() => row.locator("td").nth(1).textContent()).toBe("COMPLETE");
    expect(await row.locator("td").nth(3).textContent()).toBe("key:test-writer");
    expect(pageErrors.slice(errorsBefore)).toEqual([]);
    await screenshot(page, "snapshot-taken");
    await page.close();
  });

  it("shows a read-only caller the snapshots, and no Take snapshot button", async () => {
    const { page } = await openConsole(browser, gw, gw.keys.read, "#/snapshots");
    await expect.poll(() => page.getByTestId("viewer").textContent()).toContain("test-reader (read)");
    await page
      .getByText(/Snapshots taken, newest first|No snapshot yet/)
      .first()
      .waitFor();
    await expect(page.getByRole("button", { name: "Take snapshot" }).count()).resolves.toBe(0);
    await page.close();
  });

  it("lists a change made through Rollcall with its audit event, and one made in the vendor as outside Rollcall", async () => {
    await snapshotNow();
    const off = await gw.mutate<{ setUserActive: { ok: boolean } }>(
      `mutation ($id: ID!) { setUserActive(input: { users: [$id], active: false }) { ok } }`,
      { id: accountIn(viaRollcall).id },
    );
    expect(off.data?.setUserActive.ok, JSON.stringify(off)).toBe(true);
    await outsider.writes!.users!.setActive!(
      [fromGlobalId(accountIn(viaVendor).id)!.remoteId],
      false,
      new SourceSession(outsider),
    );
    const latest = await snapshotNow();
    expect(latest.status).toBe("COMPLETE");

    const { page } = await openConsole(browser, gw, gw.keys.read, "#/review");
    await expect.poll(() => page.getByTestId("review-latest").textContent()).toContain(latest.id);
    const changes = page.getByRole("table", { name: /^Changes:/ });
    const rowOf = (p: ApiPerson) =>
      changes
        .locator("tbody tr")
        .filter({ hasText: new RegExp(p.email!.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "i") });
    await expect.poll(() => rowOf(viaRollcall).count()).toBe(1);
    const mine = rowOf(viaRollcall);
    expect(await mine.locator("td").first().textContent()).toBe("Account deactivated");
    expect(await mine.getAttribute("data-origin")).toBe("ROLLCALL");
    await mine.getByText("Rollcall", { exact: true }).click();
    const { data } = await read<{ auditEvents: { nodes: Array<{ id: string; target: string }> } }>(
      `{ auditEvents(first: 50, filter: { action: DEACTIVATE_ACCOUNT }) { nodes { id target } } }`,
    );
    const event = data!.auditEvents.nodes.find((e) => e.target === accountIn(viaRollcall).id)!;
    await expect
      .poll(() => mine.getByLabel("Audit event").locator("dd").first().textContent())
      .toBe(event.id);
    expect(await mine.textContent()).toContain("key:test-writer");

    const theirs = rowOf(viaVendor);
    expect(await theirs.locator("td").first().textContent()).toBe("Account deactivated");
    expect(await theirs.locator("td").last().textContent()).toBe("Outside Rollcall");
    // Every text readable (WCAG AA), the audit event's details open.
    const worst = await worstContrasts(page);
    expect(worst[0]!.ratio, JSON.stringify(worst[0])).toBeGreaterThanOrEqual(4.5);
    await screenshot(page, "review-changes");
    await page.close();
  });

  it("counts the findings of the latest snapshot as findingCounts does, and lists the chosen kind's accounts", async () => {
    const { page } = await openConsole(browser, gw, gw.keys.read, "#/review");
    const { data, errors } = await read<Counts>(`{ findingCounts { kind count snapshot } }`);
    expect(errors).toBeUndefined();
    await expect
      .poll(() => page.getByTestId("review-latest").textContent())
      .toContain(data!.findingCounts[0]!.snapshot);
    for (const c of data!.findingCounts)
      await expect
        .poll(() => page.getByTestId(`count-${c.kind}`).textContent())
        .toBe(c.count === null ? "not judged" : String(c.count));
    expect(data!.findingCounts.map((c) => c.kind).sort()).toEqual(FINDING_KINDS);
    // Offboarding left half-done above: at least the two people deactivated in one tool.
    const partial = data!.findingCounts.find((c) => c.kind === "PARTIAL_OFFBOARDING")!;
    expect(partial.count).toBeGreaterThanOrEqual(2);
    await page.getByRole("button", { name: /^Partial offboarding/ }).click();
    const table = page.getByRole("table", { name: /^Partial offboarding:/ });
    await expect.poll(() => table.locator("tbody tr").count()).toBe(Math.min(partial.count!, 50));
    await screenshot(page, "review-findings");
    await page.close();
  });

  it("downloads the exports with the caller's credential, which a plain link would not send", async () => {
    const plain = await fetch(`${gw.rollcall.origin}/exports/access.csv`);
    expect(plain.status).toBe(401);
    const { page } = await openConsole(browser, gw, gw.keys.read, "#/review");
    await page.getByTestId("review-latest").waitFor();

    const [access] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Download access (CSV)" }).click(),
    ]);
    expect(access.suggestedFilename()).toMatch(/^rollcall-access-.*\.csv$/);
    const accessLines = readFileSync((await access.path())!, "utf8")
      .trim()
      .split(/\r?\n/);
    expect(accessLines[0]).toBe(ACCESS_COLUMNS.join(","));
    expect(accessLines.length).toBeGreaterThan(1);
    await page.getByText(`Saved ${access.suggestedFilename()}`).waitFor();

    // The chosen kind's export holds as many accounts as its count.
    await page.getByRole("button", { name: /^Partial offboarding/ }).click();
    const count = Number(await page.getByTestId("count-PARTIAL_OFFBOARDING").textContent());
    const [findings] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Download Partial offboarding (CSV)" }).click(),
    ]);
    const findingLines = readFileSync((await findings.path())!, "utf8")
      .trim()
      .split(/\r?\n/);
    expect(findingLines[0]).toBe(FINDING_COLUMNS.join(","));
    expect(findingLines.length - 1).toBe(count);
    await page.close();
  });

  it("shows a person's findings and their changes between the last two snapshots on their page", async () => {
    const { data, errors } = await read<Record<string, { nodes: Array<{ kind: string; reason: string }> }>>(
      `query ($person: String!) {
        partial: findings(kind: PARTIAL_OFFBOARDING, filter: { person: $person }, first: 100) { nodes { kind reason } }
        privileged: findings(kind: PRIVILEGED_ACCOUNT, filter: { person: $person }, first: 100) { nodes { kind reason } }
        dormant: findings(kind: DORMANT_ACCOUNT, filter: { person: $person }, first: 100) { nodes { kind reason } }
        inactive: findings(kind: INACTIVE_WITH_ACCESS, filter: { person: $person }, first: 100) { nodes { kind reason } }
        unowned: findings(kind: UNOWNED_ACCOUNT, filter: { person: $person }, first: 100) { nodes { kind reason } }
      }`,
      { person: viaRollcall.email },
    );
    expect(errors).toBeUndefined();
    const theirs = Object.values(data!).flatMap((c) => c.nodes);
    expect(theirs.map((f) => f.kind)).toContain("PARTIAL_OFFBOARDING");

    const { page } = await openConsole(browser, gw, gw.keys.read);
    await page.goto(`${gw.rollcall.origin}/console/#/people/${encodeURIComponent(viaRollcall.id)}`);
    const findings = page.getByRole("table", { name: "Findings in the latest snapshot" });
    await expect.poll(() => findings.locator("tbody tr").count()).toBe(theirs.length);
    for (const f of theirs) await findings.getByText(f.reason, { exact: true }).first().waitFor();
    const changes = page.getByRole("table", { name: /^Changes:/ });
    await expect.poll(() => changes.locator("tbody tr").count()).toBe(1);
    expect(await changes.locator("tbody tr td").first().textContent()).toBe("Account deactivated");
    await screenshot(page, "person-review");
    await page.close();
  });

  it("shows the staff roster's latest replacement, an audit event of Rollcall's own records (source rollcall), with its counts and no entry", async () => {
    const before = await openConsole(browser, gw, gw.keys.read, "#/review");
    await expect
      .poll(() => before.page.getByTestId("review-roster").textContent())
      .toBe("no replacement recorded in the audit trail");
    await before.page.close();

    const roster = {
      entries: [
        { email: "rosa.roster@example.com", name: "Rosa Roster" },
        { email: "ned.roster@example.com" },
      ],
    };
    const { errors } = await gw.mutate(
      `mutation($input: ReplaceRosterInput!) { replaceRoster(input: $input) { entries { email } } }`,
      { input: roster },
    );
    expect(errors).toBeUndefined();
    const { data } = await read<{
      auditEvents: { nodes: Array<{ id: string; caller: string; operation: string; source: string }> };
    }>(
      `{ auditEvents(first: 10, filter: { action: REPLACE_ROSTER }) { nodes { id caller operation source } } }`,
    );
    const [event] = data!.auditEvents.nodes;
    expect(data!.auditEvents.nodes).toHaveLength(1);
    expect(event!.source).toBe("rollcall");

    const { page, pageErrors } = await openConsole(browser, gw, gw.keys.read, "#/review");
    // Before signing in (anonymous reads are off) the page's first reads were refused: not ours.
    const errorsBefore = pageErrors.length;
    const fact = page.getByTestId("review-roster");
    await expect.poll(() => fact.textContent()).toContain("replaced");
    const text = (await fact.textContent())!;
    expect(text).toContain(
      `by ${event!.caller} (through ${event!.operation}), 2 entries: 2 added, 0 removed, 0 renamed`,
    );
    expect(text).toContain(`audit event ${event!.id}, source rollcall (Rollcall's own records)`);
    // Counts only: the trail keeps no entry, and the page shows none.
    expect(text).not.toMatch(/rosa|ned\.roster/i);
    expect(text).not.toMatch(/unknown/i);
    // Nothing on it links anywhere (no plan, no person): no broken link to follow.
    expect(await fact.locator("a").count()).toBe(0);
    expect(pageErrors.slice(errorsBefore), pageErrors.join("\n")).toEqual([]);
    await screenshot(page, "review-roster");
    await page.close();
  });

  // Last: it stops a simulator for good.
  it("shows a source that fails during a snapshot with its error, the others read whole (PARTIAL)", async () => {
    const failing = [...gw.sims.keys()].find((id) => id !== source)!;
    await gw.sims.get(failing)!.stop();
    const { data: names } = await read<{ sources: Array<{ id: string; name: string }> }>(
      `{ sources { id name } }`,
    );
    const name = names!.sources.find((s) => s.id === failing)!.name;
    const { page } = await openConsole(browser, gw, gw.keys.write, "#/snapshots");
    await page.getByRole("button", { name: "Take snapshot" }).click();
    await expect
      .poll(() => page.getByTestId("snapshot-status").textContent(), { timeout: 30_000 })
      .toBe("PARTIAL");
    const bar = page.getByRole("progressbar", { name: `${name} progress` });
    expect(await bar.getAttribute("aria-valuetext")).toMatch(/failed$/);
    const error = page.locator(".progress-panel .source-error");
    expect(await error.textContent()).toMatch(new RegExp(`^${name} failed: .+ \\([A-Z_]+\\)$`));
    expect(await page.getByTestId("snapshot-summary").textContent()).toContain(`failed: ${name}`);
    const worst = await worstContrasts(page);
    expect(worst[0]!.ratio, JSON.stringify(worst[0])).toBeGreaterThanOrEqual(4.5);
    await screenshot(page, "snapshot-partial");
    await page.close();
  });
});
