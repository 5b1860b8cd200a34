/**
 * The console in headless Chromium against a gateway on the simulators (test/integration/console/):
 * the same Chromium and launch arguments as the GraphiQL spec, a sign-in as the page does it, and
 * screenshots kept as test artefacts in test-artifacts/console/.
 */
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { expect } from "vitest";
import { DEFAULT_CONSOLE_DIR } from "../../src/server/console.js";
import type { GatewayHarness } from "./gateway-harness.js";

/** Debian's chromium (`.ci/run` installs it); CHROMIUM_PATH points elsewhere. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const ARTIFACTS = join(process.cwd(), "test-artifacts", "console");

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(`No Chromium at ${CHROMIUM}: install Debian's chromium (see .ci/run)`);
  if (!existsSync(join(DEFAULT_CONSOLE_DIR, "index.html")))
    throw new Error("The console is not built: `npm test` builds it (npm run build:console)");
  return chromium.launch({
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
}

export interface ConsolePage {
  readonly page: Page;
  /** Every URL the page requested, to check that nothing came from elsewhere. */
  readonly requested: string[];
  /** The Authorization header of each GraphQL request the page sent, in order (null: none). */
  readonly graphqlAuthorizations: Array<string | null>;
  /** Errors the page's scripts threw or logged. */
  readonly pageErrors: string[];
}

/** A new page on the console, signed in with `credential` (none: anonymous). */
export async function openConsole(
  browser: Browser,
  gw: GatewayHarness,
  credential: string | null,
  hash = "#/people",
): Promise<ConsolePage> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  // Fail within a test's time, saying what was not found.
  page.setDefaultTimeout(10_000);
  const requested: string[] = [];
  const pageErrors: string[] = [];
  const graphqlAuthorizations: Array<string | null> = [];
  page.on("request", (r) => {
    requested.push(r.url());
    if (new URL(r.url()).pathname === "/graphql")
      graphqlAuthorizations.push(r.headers().authorization ?? null);
  });
  page.on("pageerror", (e) => pageErrors.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error") pageErrors.push(m.text());
  });
  await page.goto(`${gw.rollcall.origin}/console/${hash}`);
  if (credential) {
    await page.getByLabel("API key or token").fill(credential);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect.poll(() => page.getByTestId("viewer").textContent()).not.toContain("not signed in");
  }
  return { page, requested, pageErrors, graphqlAuthorizations };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/**
 * The three texts on the page with the lowest contrast against their background (WCAG's ratio),
 * lowest first: badges, links, headers, cells, notes, labels, buttons, headings, paragraphs, facts,
 * states and origins.
 */
export function worstContrasts(page: Page): Promise<Array<{ text: string; ratio: number }>> {
  return page.evaluate<Array<{ text: string; ratio: number }>>(`(() => {
    const rgb = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
    const channel = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    const luminance = ([r, g, b]) => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    const background = (el) => {
      for (let e = el; e; e = e.parentElement) {
        const c = rgb(getComputedStyle(e).backgroundColor);
        if (c.length === 3 || c[3] > 0) return c;
      }
      return [255, 255, 255];
    };
    const texts = [...document.querySelectorAll(".level, a, th, td, .note, label, button, h1, h2, h3, p, dt, dd, summary, .state, .origin, .source-error")]
      .filter((el) => el.textContent.trim() && el.getClientRects().length);
    return texts.map((el) => {
      const [a, b] = [luminance(rgb(getComputedStyle(el).color)), luminance(background(el))].sort((x, y) => y - x);
      return { text: el.textContent.trim().slice(0, 30), ratio: (a + 0.05) / (b + 0.05) };
    }).sort((x, y) => x.ratio - y.ratio).slice(0, 3);
  })()`);
}
