/** A stored snapshot as GraphQL shows it: each source as configured now, its progress summed. */

import { type SnapshotRecord, SnapshotStatus } from "../../history/snapshot.js";
import type { RequestContext } from "../../loaders/request-context.js";
import { sourceView } from "../source/source-view.js";
import type { Snapshot } from "./snapshot.type.js";

/** Accounts read over accounts in all while every total is known; 1 once finished. */
export function progressOf(snapshot: SnapshotRecord): number | null {
  if (snapshot.status !== SnapshotStatus.RUNNING) return 1;
  let read = 0;
  let total = 0;
  for (const source of snapshot.sources) {
    if (source.accountsTotal === null) return null;
    read += Math.min(source.accountsRead, source.accountsTotal);
    total += source.accountsTotal;
  }
  return total === 0 ? 0 : read / total;
}

export async function snapshotViews(
  ctx: RequestContext,
  snapshots: readonly SnapshotRecord[],
): Promise<Snapshot[]> {
  const counts = await ctx.gateway.store.history.countAccounts(snapshots.map((s) => s.id));
  return snapshots.map((snapshot) => ({
    kind: "Snapshot" as const,
    id: snapshot.id,
    status: snapshot.status,
    trigger: snapshot.trigger,
    takenBy: snapshot.takenBy,
    startedAt: snapshot.startedAt,
    finishedAt: snapshot.finishedAt,
    progress: progressOf(snapshot),
    accountCount: counts.get(snapshot.id) ?? 0,
    sources: snapshot.sources.map((source) => {
      const connector = ctx.gateway.connector(source.sourceId);
      return {
        ...source,
        source: connector ? sourceView(connector) : null,
        error: source.error && { ...source.error },
      };
    }),
  }));
}

/** One snapshot by its id (`snapshot(id:)`, and `node(id:)` for a Snapshot); null when none has it. */
export async function snapshotView(ctx: RequestContext, id: string): Promise<Snapshot | null> {
  const found = await ctx.gateway.store.history.getSnapshot(id);
  if (!found) return null;
  const [view] = await snapshotViews(ctx, [found]);
  return view ?? null;
}
