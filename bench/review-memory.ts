/**
 * How much memory comparing two snapshots of 25,000 accounts takes (access review's changes): two
 * snapshots are written into a fresh store (SQLite file, or PostgreSQL with --postgres <url>), then
 * every change is counted and streamed the way the export reads them, sampling the heap as it goes.
 *
 *   npx tsc -p tsconfig.bench.json && node --expose-gc dist-bench/bench/review-memory.js [--accounts 25000] [--postgres postgres://…] [--no-analyze]
 *
 * The figures are the heap's growth over the baseline after a GC (what the comparison holds), the
 * peak sampled while streaming, and the changes found; times are printed for orientation only.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { comparisonOf, eachChange } from "../src/history/changes/access-changes.js";
import {
  PersonBasis,
  type SnapshotAccount,
  SnapshotSourceStatus,
  SnapshotStatus,
  SnapshotTrigger,
} from "../src/history/snapshot.js";
import { PermissionLevel } from "../src/model/records.js";
import { openStore } from "../src/store/open-store.js";
import type { Store } from "../src/store/store.js";

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? undefined : process.argv[i + 1];
};
const ACCOUNTS = Number(arg("accounts") ?? 25_000);
const SOURCES = ["alpha", "beta", "gamma", "delta", "epsilon"];
const BATCH = 500;

function accountOf(source: string, i: number, later: boolean): SnapshotAccount {
  // About one account in twenty changes something between the two snapshots.
  const changed = later && i % 20 === 0;
  return {
    sourceId: source,
    remoteId: String(i),
    personKey: `person${i}@example.com`,
    personBasis: PersonBasis.EMAIL,
    email: `person${i}@example.com`,
    login: `person${i}`,
    displayName: `Person ${i}`,
    active: !(changed && i % 40 === 0),
    admin: false,
    lastLoginAt: new Date(Date.UTC(2026, 10, 1 + (i % 28))),
    createdAt: null,
    archived: false,
    grants: [
      {
        projectId: `p${i % 50}`,
        projectName: `Project ${i % 50}`,
        role: changed ? "Lead" : "Tester",
        level: changed ? PermissionLevel.MANAGE : PermissionLevel.EXECUTE,
        via: null,
      },
      {
        projectId: `p${(i + 7) % 50}`,
        projectName: null,
        role: "Viewer",
        level: PermissionLevel.VIEW,
        via: { type: "GROUP", remoteId: `g${i % 10}` },
      },
      ...(changed
        ? [
            {
              projectId: "p99",
              projectName: "New",
              role: "Tester",
              level: PermissionLevel.EXECUTE,
              via: null,
            },
          ]
        : []),
    ],
    memberships: [
      { kind: "GROUP", containerId: `g${i % 10}`, containerName: `Group ${i % 10}` },
      { kind: "TEAM", containerId: `t${changed ? (i + 1) % 5 : i % 5}`, containerName: null },
    ],
  };
}

async function write(store: Store, id: string, at: Date, later: boolean) {
  await store.history.createSnapshot({
    id,
    trigger: SnapshotTrigger.MANUAL,
    takenBy: "bench",
    startedAt: at,
    sourceIds: SOURCES,
  });
  const perSource = Math.ceil(ACCOUNTS / SOURCES.length);
  for (const source of SOURCES) {
    for (let start = 0; start < perSource; start += BATCH) {
      const batch = Array.from({ length: Math.min(BATCH, perSource - start) }, (_, k) =>
        accountOf(source, start + k, later),
      );
      await store.history.writeAccounts(id, batch);
    }
    await store.history.updateSource(id, source, {
      status: SnapshotSourceStatus.COMPLETE,
      accountsRead: perSource,
      loginsReported: true,
    });
  }
  await store.history.finishSnapshot(id, SnapshotStatus.COMPLETE, new Date(at.getTime() + 1000));
}

const heapMb = () => process.memoryUsage().heapUsed / 1024 / 1024;
const gc = () => (globalThis as { gc?: () => void }).gc?.();

async function main() {
  const postgres = arg("postgres");
  const dir = postgres ? null : mkdtempSync(join(tmpdir(), "rollcall-review-bench-"));
  const store = await openStore({ url: postgres ?? `file:${join(dir as string, "bench.db")}` });
  try {
    console.log(`engine ${store.engine}; ${ACCOUNTS} accounts per snapshot over ${SOURCES.length} sources`);
    await write(store, "snap_a", new Date(Date.UTC(2026, 11, 1)), false);
    await write(store, "snap_b", new Date(Date.UTC(2026, 11, 2)), true);
    if (store.engine === "postgres" && !process.argv.includes("--no-analyze")) {
      // What autovacuum does within a minute or so of a bulk insert; right after one, PostgreSQL's
      // planner still thinks the tables hold a few rows and picks nested loops (5x slower here).
      // biome-ignore lint/suspicious/noExplicitAny: the bench reaches past the store for one statement
      const db = (store as any).db;
      await sql`analyze snapshot_accounts, snapshot_grants, snapshot_memberships`.execute(db);
    }
    gc();
    const base = heapMb();
    const request = { from: "snap_a", to: "snap_b" };
    const comparison = await comparisonOf(store, request);
    let started = Date.now();
    const total = await store.review.countChanges({
      from: "snap_a",
      to: "snap_b",
      sourceIds: comparison.compared,
    });
    console.log(`count: ${total} changes in ${Date.now() - started} ms`);
    started = Date.now();
    let streamed = 0;
    let peak = 0;
    for await (const _change of eachChange(store.review, comparison, request)) {
      streamed++;
      if (streamed % 250 === 0) peak = Math.max(peak, heapMb() - base);
    }
    console.log(
      `streamed: ${streamed} changes in ${Date.now() - started} ms; heap peak over baseline ${peak.toFixed(1)} MB (sampled)`,
    );
    gc();
    console.log(`heap after, over baseline: ${(heapMb() - base).toFixed(1)} MB`);
    // For scale: what holding both snapshots' accounts and grants in arrays would take instead.
    const held: unknown[] = [];
    for (const id of ["snap_a", "snap_b"]) {
      let after: { sourceId: string; remoteId: string } | null = null;
      for (;;) {
        const page = await store.review.matrix(id, { sourceIds: SOURCES, after, limit: 1000 });
        held.push(...page);
        const last = page.at(-1);
        if (!last || page.length < 1000) break;
        after = { sourceId: last.sourceId, remoteId: last.remoteId };
      }
    }
    gc();
    console.log(
      `both snapshots' accounts and grants held as arrays (no memberships): ${held.length} accounts, ${(heapMb() - base).toFixed(1)} MB over baseline`,
    );
  } finally {
    await store.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

await main();
