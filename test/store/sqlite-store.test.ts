import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openStore } from "../../src/store/open-store.js";
import { StoreOpenError } from "../../src/store/store-error.js";
import { sqliteTarget } from "../support/store-targets.js";
import { storeSpecs } from "./store.spec-suite.js";

describe("the embedded store (SQLite, libsql)", () => {
  storeSpecs(sqliteTarget());

  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), "rollcall-store-"));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it("creates the file and its missing directories from a plain path", async () => {
    const path = join(tempDir(), "nested", "deeper dir", "rollcall.db");
    const store = await openStore({ url: path });
    await store.links.link([{ sourceId: "alpha", remoteId: "1" }], "a@example.com", "cli");
    await store.close();
    const again = await openStore({ url: `file:${path}` });
    expect(await again.links.all()).toHaveLength(1);
    await again.close();
  });

  it("keeps a store in memory for :memory:, transactions and all", async () => {
    const store = await openStore({ url: ":memory:" });
    expect(store.engine).toBe("sqlite");
    // Concurrent writes and a transaction (link) share the one in-memory connection.
    await Promise.all([
      store.links.link([{ sourceId: "s", remoteId: "1" }], "a@example.com", "cli"),
      store.audit.recordIntent({
        at: new Date(),
        caller: "cli",
        operation: "linkAccounts",
        planId: null,
        stepId: null,
        sourceId: "s",
        target: "1",
        personKey: "a@example.com",
        action: "LINK",
        before: null,
        after: null,
      }),
      store.links.link([{ sourceId: "s", remoteId: "2" }], "b@example.com", "cli"),
    ]);
    expect(await store.links.all()).toHaveLength(2);
    expect(await store.audit.list({}, { first: 5 })).toHaveLength(1);
    await store.close();
  });

  it("stops with an open error naming SQLite and the path when the directory cannot be made", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "a-file"), "not a directory");
    const url = `file:${join(dir, "a-file", "rollcall.db")}`;
    const error = await openStore({ url }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreOpenError);
    expect(error).toMatchObject({ stage: "open", engine: "sqlite" });
    expect((error as Error).message).toMatch(
      /^Cannot open the store \(SQLite at file:.*a-file\/rollcall\.db\): (EEXIST|ENOTDIR)/,
    );
  });

  it("stops with an open error when the file is not a database", async () => {
    const path = join(tempDir(), "rollcall.db");
    writeFileSync(path, "this is not an SQLite file, but it is long enough to have a header".repeat(20));
    const error = await openStore({ url: path }).catch((e: unknown) => e);
    expect(error).toMatchObject({ stage: "open", engine: "sqlite" });
    expect((error as Error).message).toMatch(
      /^Cannot open the store \(SQLite at .*rollcall\.db\): .*not a database/,
    );
  });

  it("refuses a URL of an engine it does not speak, without echoing its password", async () => {
    const error = await openStore({ url: "mysql://root:hunter2-secret@db:3306/rollcall" }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StoreOpenError);
    expect((error as Error).message).toContain("mysql://root:***@db:3306/rollcall");
    expect((error as Error).message).not.toContain("hunter2-secret");
  });
});
