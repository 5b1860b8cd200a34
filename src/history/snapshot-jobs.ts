/**
 * Taking snapshots through the job engine, for replicas sharing a PostgreSQL store (the engine
 * plans are applied through: src/plans/plan-jobs.ts). takeSnapshot stores the snapshot RUNNING and
 * offers it as a job; whichever replica's worker fetches it takes the snapshot's lease
 * (snapshot-lease.ts), renewing it every third of `store.jobs.leaseSeconds`, and reads the parts
 * not done (run-snapshot.ts). Until then the engine's queue holds the lease (QUEUED_FOR_WORKER:
 * stored with the snapshot, in one statement), so a process asking meanwhile (`rollcall snapshot`)
 * follows it rather than resuming it: the snapshot is the workers' to take. A job runs at most a
 * lease before the engine offers it again: while its replica lives that offer finds the lease held
 * and is retried a lease later; once the replica has died its lease runs out and the offer resumes
 * the snapshot — the parts it left RUNNING cleared and read again, those COMPLETE or FAILED kept. A
 * replica that stops gracefully lets go of its snapshot at once (snapshot-stop.ts): its reads
 * cancelled, the parts not done left as they were, its lease released and the snapshot offered
 * again, for another to resume now.
 *
 * Who asked waits for the snapshot by reading it from the store (any replica may be taking it),
 * and is told its progress from there.
 */
import type PgBoss from "pg-boss";
import type { Gateway } from "../gateway.js";
import type { HistoryStore, Store } from "../store/store.js";
import { isTakingHere, runSnapshot } from "./run-snapshot.js";
import { type SnapshotRecord, SnapshotStatus } from "./snapshot.js";
import { type Following, followed, progressTeller } from "./snapshot-follow.js";
import { newSnapshotId } from "./snapshot-id.js";
import { leaseFrom, QUEUED_FOR_WORKER, SnapshotBusyError } from "./snapshot-lease.js";
import {
  chosenSources,
  type SnapshotLeaseSettings,
  type SnapshotRequest,
  type StartedSnapshot,
} from "./snapshot-request.js";
import { SnapshotRunningError } from "./snapshot-running.js";
import { SnapshotStoppedError } from "./snapshot-stop.js";

export const SNAPSHOT_QUEUE = "rollcall-take-snapshot";

/** Offers of a snapshot a live replica holds are retried this many times at most (a lease apart). */
const RETRIES = 1_000_000;

export interface SnapshotJob {
  readonly snapshotId: string;
  /** The sources asked for (the snapshot's record holds them too, with each part's progress). */
  readonly sourceIds: readonly string[];
  readonly takenBy: string;
}

export interface SnapshotJobSettings {
  readonly leaseSeconds: number;
  readonly pollSeconds: number;
}

export class SnapshotJobs {
  private constructor(
    private readonly boss: PgBoss,
    readonly settings: SnapshotJobSettings,
    readonly lease: SnapshotLeaseSettings,
  ) {}

  /** Creates the queue (once per engine) and starts this replica's worker on `boss`, started. */
  static async start(
    gateway: Gateway,
    boss: PgBoss,
    settings: SnapshotJobSettings & { readonly runner: string },
    trouble: (error: unknown, doing: string) => void,
  ): Promise<SnapshotJobs> {
    await boss.createQueue(SNAPSHOT_QUEUE, { name: SNAPSHOT_QUEUE, policy: "standard" });
    const jobs = new SnapshotJobs(boss, settings, {
      runner: settings.runner,
      ms: settings.leaseSeconds * 1000,
    });
    await boss.work<SnapshotJob>(
      SNAPSHOT_QUEUE,
      { batchSize: 1, pollingIntervalSeconds: settings.pollSeconds },
      async ([job]) => {
        if (job) await jobs.run(gateway, job.data, trouble);
      },
    );
    return jobs;
  }

  /**
   * Stores the snapshot and offers it to every replica's worker; answers its record (RUNNING) and
   * its end. While one runs (on any replica: the store holds one RUNNING at most), answers that
   * one; a snapshot asked for by id (a schedule's tick, asked by every replica) is stored once, by
   * whichever replica asks first.
   */
  async start(gateway: Gateway, store: Store, request: SnapshotRequest): Promise<StartedSnapshot> {
    const history = store.history;
    const answer = (snapshot: SnapshotRecord, elsewhere = false) => {
      if (elsewhere) request.onElsewhere?.(snapshot, "following");
      const done = this.waitFor(store, snapshot.id, request.onProgress);
      done.catch(() => undefined);
      return { snapshot, done };
    };
    const sourceIds = chosenSources(gateway, request);
    if (request.id !== undefined) {
      const taken = await history.getSnapshot(request.id);
      if (taken) return answer(taken, true);
    }
    const startedAt = new Date();
    const id = request.id ?? newSnapshotId(startedAt);
    try {
      await history.createSnapshot({
        id,
        trigger: request.trigger,
        takenBy: request.takenBy,
        startedAt,
        sourceIds,
        lease: leaseFrom(this.queued, new Date()),
      });
    } catch (error) {
      // One runs (asked for of any replica, at the same instant too), or another replica stored
      // this tick's snapshot a moment before: that one is the answer.
      const other = error instanceof SnapshotRunningError ? error.snapshotId : request.id;
      const taken = other === undefined ? null : await history.getSnapshot(other);
      if (taken) return answer(taken, true);
      throw error;
    }
    await this.offer({ snapshotId: id, sourceIds, takenBy: request.takenBy });
    return answer((await history.getSnapshot(id)) as SnapshotRecord);
  }

  /**
   * The engine's hold on a snapshot it offers, until a worker fetches its job: a worker looks every
   * `pollSeconds` (none is busy with another snapshot: one runs at a time), and a lease more leaves
   * room for a store or engine slow to answer. Past that, nobody is working the queue (every
   * replica stopped, or the offer was lost): the snapshot is unheld, rightly resumed by whoever asks
   * next (`rollcall snapshot`) or offered again by a replica starting up.
   */
  private get queued(): SnapshotLeaseSettings {
    return {
      runner: QUEUED_FOR_WORKER,
      ms: (this.settings.leaseSeconds + this.settings.pollSeconds) * 1000,
    };
  }

  /** Offers the snapshot to every replica's worker. */
  async offer(job: SnapshotJob): Promise<void> {
    await this.boss.send(SNAPSHOT_QUEUE, job, {
      expireInSeconds: this.settings.leaseSeconds,
      retryLimit: RETRIES,
      retryDelay: this.settings.leaseSeconds,
    });
  }

  /**
   * Offers again a RUNNING snapshot nobody holds (its replica or `rollcall snapshot` died, or
   * stopped): whichever worker takes it resumes it, its parts COMPLETE or FAILED kept. The engine's
   * queue first claims its lease, as when it was first offered: of several processes finding it
   * unheld at once (replicas starting, followers), one claims it and offers it; the others answer
   * false and leave it to that offer. An offer that fails lets the claim go: unheld again at once.
   */
  async offerAgain(history: HistoryStore, snapshot: SnapshotRecord): Promise<boolean> {
    const now = new Date();
    const hold = leaseFrom(this.queued, now);
    if (!(await history.claimUnheldSnapshot(snapshot.id, hold.runner, now, hold.until))) return false;
    try {
      await this.offer({
        snapshotId: snapshot.id,
        sourceIds: snapshot.sources.map((s) => s.sourceId),
        takenBy: snapshot.takenBy,
      });
    } catch (error) {
      await history.releaseSnapshot(snapshot.id, hold.runner).catch(() => undefined);
      throw error;
    }
    return true;
  }

  /**
   * The snapshot once it has ended, read from the store (whichever replica takes it: one that
   * stops or dies leaves it to another, through its job), its progress told as the store holds it.
   * One whose taker died unnoticed by the engine (`rollcall snapshot`, which runs it itself, crashed;
   * its lease ran out unrenewed) is offered again here, and followed on to its end.
   */
  private waitFor(
    store: Store,
    id: string,
    onProgress: SnapshotRequest["onProgress"],
  ): Promise<SnapshotRecord> {
    const following: Following = {
      pollMs: Math.min(this.settings.pollSeconds * 1000, 500),
      onRead: progressTeller(onProgress),
      unheld: async () => {
        // Read again: it may have ended meanwhile.
        const now = await store.history.getSnapshot(id);
        if (now?.status === SnapshotStatus.RUNNING) await this.offerAgain(store.history, now);
        return followed(store, id, following);
      },
    };
    return followed(store, id, following);
  }

  /**
   * This replica's worker takes no more snapshots (before stopSnapshots lets go of those it is
   * taking, whose offers then go to the other replicas).
   */
  async stop(): Promise<void> {
    await this.boss.offWork(SNAPSHOT_QUEUE);
  }

  /**
   * Takes the job's snapshot while it is RUNNING (one ended since is left as it is). A snapshot
   * held elsewhere, or being taken here, throws: the job is retried a lease later.
   */
  private async run(
    gateway: Gateway,
    job: SnapshotJob,
    trouble: (error: unknown, doing: string) => void,
  ): Promise<void> {
    const store = gateway.store;
    const snapshot = await store.history.getSnapshot(job.snapshotId);
    if (snapshot?.status !== SnapshotStatus.RUNNING) return;
    if (isTakingHere(job.snapshotId)) throw new SnapshotBusyError(job.snapshotId);
    try {
      await runSnapshot(gateway, store, job.snapshotId, {
        onTrouble: gateway.snapshotTrouble ?? trouble,
        // A snapshot still held by the queue is this job's to take: its worker takes it over.
        lease: { ...this.lease, takeOverFrom: QUEUED_FOR_WORKER },
      });
    } catch (error) {
      // This replica is stopping and let go of it: offered again now, not a retry's delay later.
      if (!(error instanceof SnapshotStoppedError)) throw error;
      await this.offer(job);
    }
  }
}
