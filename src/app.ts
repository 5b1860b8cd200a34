import type { TracerProvider } from "@opentelemetry/api";
import type { FastifyBaseLogger } from "fastify";
import { AuditSettler, IN_FLIGHT_GRACE_MS } from "./audit/settle-events.js";
import type { RollcallConfig } from "./config/config-schema.js";
import { Gateway } from "./gateway.js";
import { failInterrupted } from "./history/interrupted.js";
import { syncRosterFile } from "./history/roster/roster-file.js";
import { isTakingHere } from "./history/run-snapshot.js";
import { judgeRunningSnapshots, type RunningAtStart } from "./history/running-at-start.js";
import { type SnapshotSchedule, startSnapshotSchedule } from "./history/snapshot-schedule.js";
import { stopSnapshots } from "./history/snapshot-stop.js";
import { type ApplyInFlight, appliesInFlight } from "./plans/applies-here.js";
import type { PlanJobs } from "./plans/plan-jobs.js";
import { THIS_RUNNER } from "./plans/plan-lease.js";
import { createServer, GRAPHQL_PATH, type RollcallServer } from "./server/create-server.js";
import { Metrics } from "./server/metrics.js";
import { type SharedState, sharedStateFor } from "./shared-state/shared-state.js";
import { startAuditRetention } from "./store/audit-retention.js";
import { openStore } from "./store/open-store.js";
import type { Store } from "./store/store.js";
import { startTracing } from "./telemetry/tracing.js";
import { VERSION } from "./version.js";

export interface RunningRollcall {
  /** The GraphQL endpoint URL. */
  readonly url: string;
  readonly origin: string;
  readonly server: RollcallServer;
  readonly gateway: Gateway;
  /** Rollcall's memory (resolvers reach it as `ctx.gateway.store`); closed by close(). */
  readonly store: Store;
  /** Settles the audit trail's open events (at start-up, then on a timer; `settle()` runs it now). */
  readonly settler: AuditSettler;
  /** What replicas share (Redis), or what this process keeps to itself. */
  readonly shared: SharedState;
  /** The snapshot schedule and retention (`snapshots` in config). */
  readonly snapshots: SnapshotSchedule;
  /** Stops gracefully: lets go of snapshots, waits for the plan steps and HTTP answers in flight, closes. */
  close(): Promise<void>;
  /** What this process still holds, as it is now (a stop that can't wait longer logs it). */
  inFlight(): WorkInFlight;
}

/** What a process holds at one moment: ids and counts only, never what they are about. */
export interface WorkInFlight {
  /** What close() is waiting for; null before it began. */
  readonly stopping: string | null;
  /** Plans applied here, with their steps taken and not yet recorded. */
  readonly applies: readonly ApplyInFlight[];
  /** Snapshots this process is taking; null when the store had not said which run (read as the stop began). */
  readonly snapshots: readonly string[] | null;
  /** HTTP requests received and not yet answered. */
  readonly httpRequestsUnanswered: number;
}

export interface StartOptions {
  readonly graphiqlHeaders?: Record<string, string>;
  /** Where JSON log lines go (default stdout); tests pass a stream to read them. */
  readonly logStream?: NodeJS.WritableStream;
  /** Traces with this provider whatever `telemetry` says (tests: an in-memory exporter). */
  readonly tracerProvider?: TracerProvider;
}

/**
 * Opens the store, builds the gateway from config and starts serving. Used by main.ts, the demo,
 * tests and benchmarks. A store that cannot be opened or migrated stops it before anything else
 * starts (StoreOpenError: which, the engine, the URL without its password, why).
 */
export async function startRollcall(
  config: RollcallConfig,
  options: StartOptions = {},
): Promise<RunningRollcall> {
  const metrics = new Metrics();
  // Optional engines (the tracing SDK, Redis, the job engine, federation) are imported only when
  // their config is on: a replica's memory holds only what it uses (issue 17).
  const tracing = await startTracing(config.telemetry, options.tracerProvider);
  // The server's logger, once it exists: the store and connectors are built before the server that logs for them.
  let log: FastifyBaseLogger | undefined;
  const store = await openStore(config.store, {
    observeQuery: metrics.observeStoreQuery,
    onConnectionError: (error) =>
      log?.warn(
        { err: { message: error.message } },
        "a pooled store connection failed; the next query reconnects",
      ),
  });
  let shared: SharedState;
  try {
    shared = await sharedStateFor(config.redis, (level, message) => log?.[level](message));
  } catch (error) {
    await store.close();
    throw error;
  }
  let gateway: Gateway;
  try {
    gateway = Gateway.fromConfig(
      config,
      {
        budgetCounter: shared.budgetCounter,
        sharedCircuits: shared.sharedCircuits,
        readCache: shared.readCache,
        observeBudgetWait: metrics.observeBudgetWait,
        observeReadCache: metrics.observeReadCache,
        observe: (event) => {
          metrics.observeUpstream(event);
          log?.debug({ upstream: event }, "upstream request");
        },
        onCircuitChange: (change) => {
          metrics.observeCircuit(change);
          if (change.open && change.elsewhere)
            log?.warn(
              { circuit: change },
              "another replica found the source failing: not asked until the cooldown ends",
            );
          else if (change.open)
            log?.warn({ circuit: change }, "source keeps failing: not asked until the cooldown ends");
          else log?.info({ circuit: change }, "source answers again");
        },
      },
      store,
      (error, doing) =>
        log?.error(
          { err: { message: error instanceof Error ? error.message : String(error) } },
          `audit trail: ${doing}`,
        ),
    );
  } catch (error) {
    await store.close();
    await shared.close();
    throw error;
  }
  // A collector's API key (telemetry.otlp.headers) is scrubbed from log lines like a source's secret.
  gateway.secrets.add(...Object.values(config.telemetry?.otlp.headers ?? {}));
  // Every source's gauge exists from the start, so "is any circuit open" is a query, not an absence.
  for (const source of config.sources) metrics.observeCircuit({ sourceId: source.id, open: false });
  let server: RollcallServer | undefined;
  let retention: { stop(): void } | undefined;
  let snapshots: SnapshotSchedule | undefined;
  let planJobs: PlanJobs | undefined;
  let runningAtStart: RunningAtStart | undefined;
  const settler = new AuditSettler(store, gateway, (error, doing) =>
    log?.error({ err: { message: error instanceof Error ? error.message : String(error) } }, doing),
  );
  let stopping: string | null = null;
  // The store holds at most one RUNNING snapshot; whether this process is taking it is in memory.
  let runningSnapshots: string[] | null = null;
  const close = async () => {
    stopping = "snapshots to let go";
    // Read as the stop begins, while the store is open, for inFlight(); the stop never waits for it.
    store.history.runningSnapshots().then(
      (running) => {
        runningSnapshots = running.map((s) => s.id);
      },
      () => undefined,
    );
    retention?.stop();
    snapshots?.stop();
    runningAtStart?.stop();
    // Snapshots in progress are let go before anything closes under them: their reads cancelled,
    // the parts not done left for another replica (or, embedded, the next start), never failed.
    await gateway.snapshotJobs?.stop();
    await stopSnapshots(store);
    stopping = "plan steps in flight";
    await planJobs?.stop(store.plans);
    gateway.planJobs = undefined;
    gateway.snapshotJobs = undefined;
    stopping = "the audit settler";
    await settler.stop();
    stopping = "HTTP requests in flight";
    await server?.app.close();
    stopping = "vendor connections to close";
    await gateway.close();
    stopping = "the store to close";
    await store.close();
    stopping = "Redis to close";
    await shared.close();
    stopping = "traces to be exported";
    await tracing?.shutdown();
    stopping = "nothing";
  };
  const inFlight = (): WorkInFlight => ({
    stopping,
    applies: appliesInFlight(),
    snapshots: runningSnapshots?.filter(isTakingHere) ?? null,
    httpRequestsUnanswered: server?.requests.unanswered() ?? 0,
  });
  try {
    server = await createServer({
      config,
      gateway,
      metrics,
      version: VERSION,
      graphiqlHeaders: options.graphiqlHeaders,
      logStream: options.logStream,
      tracer: tracing?.tracer,
      callerCounter: shared.callerCounter,
      persistedQueries: shared.persistedQueries
        ? { cache: shared.persistedQueries, ttlSeconds: config.redis?.persistedQueryTtlSeconds }
        : undefined,
    });
    log = server.app.log;
    await shared.connect();
    log.info(`vendor budgets, callers' rate limits, circuit breakers and persisted queries: ${shared.where}`);
    const cachedKinds = Object.entries(shared.readCache?.ttlSeconds ?? {}).filter(([, ttl]) => ttl > 0);
    log.info(
      cachedKinds.length > 0
        ? `vendor reads shared by replicas for ${cachedKinds.map(([kind, ttl]) => `${kind} ${ttl} s`).join(", ")} (redis.readCache)`
        : "vendor reads: not cached (redis.readCache)",
    );
    retention = await startAuditRetention(store.audit, config.store.auditRetentionDays, log);
    // A roster file that can't be read stops the start: reviews against no roster would mislead.
    if (config.review.rosterFile) await syncRosterFile(store, gateway.trail, config.review.rosterFile);
    // Before serving: what a crash left PENDING is settled from the live state. An embedded store
    // has one process, so everything PENDING is a crash's; a shared one may hold other replicas'
    // writes in flight, left to their writers for a while.
    const settled = await settler.settle(
      new Date(Date.now() - (store.engine === "sqlite" ? 0 : IN_FLIGHT_GRACE_MS)),
    );
    if (settled.settled + settled.unknown > 0)
      log.info({ audit: settled }, "settled the audit trail's open events");
    settler.start();
    const logged = log;
    const snapshotTrouble = (error: unknown, doing: string) =>
      logged.error({ err: { message: error instanceof Error ? error.message : String(error) } }, doing);
    gateway.snapshotTrouble = snapshotTrouble;
    // Replicas sharing a PostgreSQL store apply plans through its job engine: any replica's worker
    // takes a plan, and a dead replica's is resumed by another. One embedded store, one process.
    if (store.engine === "postgres") {
      const [{ PlanJobs }, { SnapshotJobs }] = await Promise.all([
        import("./plans/plan-jobs.js"),
        import("./history/snapshot-jobs.js"),
      ]);
      planJobs = await PlanJobs.start(
        gateway,
        { url: config.store.url, ...config.store.jobs },
        {
          maxPageSize: config.server.maxPageSize,
          batching: config.server.batching,
          countScanLimit: config.server.countScanLimit,
          templates: config.templates,
        },
        (error, doing) =>
          logged.error({ err: { message: error instanceof Error ? error.message : String(error) } }, doing),
      );
      gateway.planJobs = planJobs;
      const queue = planJobs;
      metrics.watchPlanQueue(() => queue.queued());
      log.info(`plans are applied through the job engine in schema "${planJobs.settings.schema}"`);
      // Snapshots too: any replica's worker takes one, and a dead replica's is resumed by another.
      gateway.snapshotJobs = await SnapshotJobs.start(
        gateway,
        planJobs.boss,
        { ...config.store.jobs, runner: THIS_RUNNER },
        (error, doing) =>
          logged.error({ err: { message: error instanceof Error ? error.message : String(error) } }, doing),
      );
    }
    // A snapshot left RUNNING that nobody holds is what a stop or a crash left: failed as
    // interrupted on an embedded store, resumed through the job engine on a shared one. One whose
    // lease is live is another process's (`rollcall snapshot` on the same file, a replica): left to
    // it, and taken care of the same way should its lease run out unrenewed (its holder died).
    const jobs = gateway.snapshotJobs;
    const [leftDone, lapsedDone] = jobs
      ? ["offered again the snapshots a stopped replica left RUNNING", "offered again"]
      : ["marked snapshots interrupted by a stop as FAILED", "marked interrupted as FAILED"];
    runningAtStart = await judgeRunningSnapshots(store, {
      take: async (snapshot) => {
        // Another replica (starting, or following it) may claim it first: its offer is the one.
        if (jobs) return jobs.offerAgain(store.history, snapshot);
        await failInterrupted(store.history, snapshot);
        return true;
      },
      lapsed: (id) =>
        logged.warn(
          { snapshot: id },
          `${lapsedDone} a snapshot another process held at start-up: its lease ran out unrenewed`,
        ),
      trouble: snapshotTrouble,
    });
    if (runningAtStart.left.length > 0) log.warn({ snapshots: runningAtStart.left }, leftDone);
    if (runningAtStart.held.length > 0)
      log.info(
        { snapshots: runningAtStart.held },
        "snapshots running in another process (their lease is live): left to it, watched until they end",
      );
    // After the job engine: on a shared store the schedule's snapshots go through it.
    snapshots = await startSnapshotSchedule(gateway, store, config.snapshots, log);
    const address = await server.app.listen({ port: config.server.port, host: config.server.host });
    const origin = address.replace("0.0.0.0", "localhost").replace("[::]", "localhost");
    return {
      url: `${origin}${GRAPHQL_PATH}`,
      origin,
      server,
      gateway,
      store,
      settler,
      shared,
      snapshots,
      close,
      inFlight,
    };
  } catch (error) {
    // Nothing half-started stays behind: the store's file or pool is let go, the port too.
    await close().catch(() => undefined);
    throw error;
  }
}
