/**
 * The store as Rollcall starts and stops with it: opened before serving, reachable by resolvers
 * through the gateway, pruned to its retention, closed on close, and a clear stop when it can't open.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openStore } from "../../src/store/open-store.js";
import type { AuditIntent } from "../../src/store/store.js";
import { StoreOpenError } from "../../src/store/store-error.js";
import { type GatewayHarness, startGateway } from "../support/gateway-harness.js";
import { anyVendor } from "../support/pick-vendor.js";

const DAY = 24 * 60 * 60 * 1000;
const one = [{ vendor: anyVendor(), id: "src" }];

const intent = (at: Date): AuditIntent => ({
  at,
  caller: "cli",
  operation: "applyPlan",
  planId: null,
  stepId: null,
  sourceId: "src",
  target: "u1",
  personKey: null,
  action: "DEACTIVATE_ACCOUNT",
  before: null,
  after: null,
});

describe("the store at start-up", () => {
  const dirs: string[] = [];
  let gw: GatewayHarness | undefined;
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), "rollcall-startup-"));
    dirs.push(dir);
    return dir;
  };
  afterEach(async () => {
    await gw?.stop();
    gw = undefined;
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it("opens the store before serving and hands it to resolvers through the gateway", async () => {
    gw = await startGateway({ instances: one });
    expect(gw.rollcall.gateway.store).toBe(gw.rollcall.store);
    expect(gw.rollcall.store.engine).toBe("sqlite");
    await gw.rollcall.store.links.link([{ sourceId: "src", remoteId: "1" }], "a@example.com", "cli");
    expect(await gw.rollcall.gateway.store.links.all()).toHaveLength(1);
  });

  it("gives each harness a fresh store file, removed when it stops", async () => {
    const first = await startGateway({ instances: one });
    const second = await startGateway({ instances: one });
    await first.rollcall.store.links.link([{ sourceId: "src", remoteId: "1" }], "a@example.com", "cli");
    expect(await second.rollcall.store.links.all()).toEqual([]);
    const files = [first.storeUrl, second.storeUrl].map((url) => url.replace(/^file:/, ""));
    expect(new Set(files).size).toBe(2);
    for (const file of files) expect(existsSync(file)).toBe(true);
    await first.stop();
    await second.stop();
    for (const file of files) expect(existsSync(file)).toBe(false);
    // Closed with the gateway: nothing more is written to it.
    await expect(first.rollcall.store.links.all()).rejects.toThrow();
  });

  it("prunes audit events past the retention when it starts, and keeps the rest", async () => {
    const url = `file:${join(tempDir(), "kept.db")}`;
    const seeded = await openStore({ url });
    const now = Date.now();
    await seeded.audit.recordIntent(intent(new Date(now - 40 * DAY)));
    await seeded.audit.recordIntent(intent(new Date(now - 31 * DAY)));
    const recent = await seeded.audit.recordIntent(intent(new Date(now - 29 * DAY)));
    await seeded.close();

    gw = await startGateway({ instances: one, extraConfig: { store: { url, auditRetentionDays: 30 } } });
    const left = await gw.rollcall.store.audit.list({}, { first: 10 });
    expect(left.map((e) => e.id)).toEqual([recent]);
    const pruned = gw.logs.map((l) => JSON.parse(l)).find((l) => l.msg === "pruned old audit events");
    expect(pruned).toMatchObject({ deleted: 2, retentionDays: 30 });
  });

  it("keeps every audit event when the retention is 0 days", async () => {
    const url = `file:${join(tempDir(), "forever.db")}`;
    const seeded = await openStore({ url });
    await seeded.audit.recordIntent(intent(new Date("2001-01-01T00:00:00Z")));
    await seeded.close();
    gw = await startGateway({ instances: one, extraConfig: { store: { url, auditRetentionDays: 0 } } });
    expect(await gw.rollcall.store.audit.list({}, { first: 10 })).toHaveLength(1);
  });

  it("stops start-up with a message naming the store when it cannot be opened, and serves nothing", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "a-file"), "");
    const url = `file:${join(dir, "a-file", "rollcall.db")}`;
    const error = await startGateway({ instances: one, storeUrl: url }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreOpenError);
    expect((error as Error).message).toMatch(
      /^Cannot open the store \(SQLite at file:.*a-file\/rollcall\.db\): /,
    );
    expect(existsSync(join(dir, "a-file", "rollcall.db"))).toBe(false);
  });
});
