/**
 * The snapshot this process launches on a store (one at a time per store), read outside the asking
 * operation: its end (or its deadline) never cancels the snapshot's reads. Another ask in this
 * process while it runs joins it, its progress told to that asker's listener too.
 */

import type { Gateway } from "../gateway.js";
import { DEFAULT_LEASE_MS, THIS_RUNNER } from "../plans/plan-lease.js";
import type { Store } from "../store/store.js";
import { detached } from "../vendors/http/operation-signal.js";
import { runSnapshot } from "./run-snapshot.js";
import type { SnapshotRecord, SnapshotSourceProgress } from "./snapshot.js";
import type { SnapshotLeaseSettings, SnapshotRequest } from "./snapshot-request.js";

interface LaunchedSnapshot {
  readonly id: string;
  readonly done: Promise<SnapshotRecord>;
  readonly listeners: Set<(progress: SnapshotSourceProgress) => void>;
}

/** The lease a snapshot launched here is held under: this process's, renewed as it runs. */
const LAUNCH_LEASE: SnapshotLeaseSettings = { runner: THIS_RUNNER, ms: DEFAULT_LEASE_MS };

/** A launch made ready: the snapshot counts as this process's from now on. */
export interface SnapshotLaunch {
  readonly id: string;
  /** The lease its run holds: a snapshot stored for it is stored holding it (snapshot-lease.ts). */
  readonly lease: SnapshotLeaseSettings;
  /** Settles with the snapshot's final record once launched (never before). */
  readonly done: Promise<SnapshotRecord>;
  /**
   * Reads the snapshot's parts not done, under its lease on either engine, so that another process
   * sharing the store (a replica, the CLI) tells one being taken from one left by a stop.
   * `settle` turns the run's end into the answer (a run refused, followed instead).
   */
  launch(
    gateway: Gateway,
    request: SnapshotRequest,
    settle?: (run: Promise<SnapshotRecord>) => Promise<SnapshotRecord>,
  ): void;
  /** The snapshot was not stored after all: it is no longer this process's. */
  forget(): void;
}

const launched = new WeakMap<Store, LaunchedSnapshot>();

/** The snapshot this process is taking on `store`, `onProgress` now told of it too; else undefined. */
export function joinLaunched(
  store: Store,
  onProgress: SnapshotRequest["onProgress"],
): { readonly id: string; readonly done: Promise<SnapshotRecord> } | undefined {
  const current = launched.get(store);
  if (current && onProgress) current.listeners.add(onProgress);
  return current;
}

/** Makes snapshot `id` this process's on `store`, before it is launched (or even stored). */
export function prepareLaunch(
  store: Store,
  id: string,
  onProgress: SnapshotRequest["onProgress"],
): SnapshotLaunch {
  let release: (record: Promise<SnapshotRecord>) => void = () => undefined;
  const done = new Promise<SnapshotRecord>((resolve) => {
    release = resolve;
  });
  // Nobody may be waiting (a mutation answered at once): a store that failed under it is the log's.
  done.catch(() => undefined);
  const job: LaunchedSnapshot = { id, done, listeners: new Set(onProgress ? [onProgress] : []) };
  launched.set(store, job);
  const forget = () => {
    if (launched.get(store) === job) launched.delete(store);
  };
  return {
    id,
    lease: LAUNCH_LEASE,
    done,
    forget,
    launch(gateway, request, settle = (run) => run) {
      const work = detached(() =>
        runSnapshot(gateway, store, id, {
          listeners: job.listeners,
          onTrouble: request.onTrouble,
          lease: LAUNCH_LEASE,
        }),
      );
      work.catch(() => undefined);
      work.finally(forget).catch(() => undefined);
      release(settle(work));
    },
  };
}
