/**
 * How a serving `rollcall` stops on SIGTERM or SIGINT: gracefully (src/app.ts, close) — snapshots
 * let go, the plan steps and HTTP answers in flight waited for — but never longer than
 * `server.stopTimeoutMs`, nor past a second signal. An orchestrator kills a process that outlasts
 * its grace (Kubernetes 30 s after SIGTERM, Docker 10 s): one cut short by its own limit instead
 * says what it leaves before it goes.
 *
 * What it leaves is left exactly as a crash leaves it — nothing is aborted, released or recorded
 * on the way out: a step whose write may be on its way to the vendor stays RUNNING with its intent
 * open in the audit trail, the plan's lease lapses, and the next applier (another replica once the
 * lease has run out, or a later apply on the embedded store) settles the step from the vendor's
 * live state before anything is sent again (src/plans/resume-step.ts). Recording it APPLIED or
 * FAILED here would be a guess: the answer never came.
 *
 * Exit status: 0 after a graceful stop; 1 when the stop was cut short, because work was left for
 * another to settle — a supervisor (systemd's Restart=on-failure, a Job's restart policy, the
 * exit code `kubectl describe` shows) sees that as well as the log. Not 128 + a signal's number:
 * the process was not killed; it gave up waiting, and said so.
 */
import type { WorkInFlight } from "../app.js";
import { EXIT } from "./cli-io.js";

export const STOP_SIGNALS = ["SIGTERM", "SIGINT"] as const;
export type StopSignal = (typeof STOP_SIGNALS)[number];

/** The exit status of a stop cut short (by its limit, a second signal, or a failure of its own). */
export const STOPPED_SHORT = EXIT.problem;

export interface StopLog {
  info(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export interface BoundedStopOptions {
  /** `server.stopTimeoutMs`. */
  readonly timeoutMs: number;
  readonly log: StopLog;
  /** The graceful stop; resolves once everything is closed. */
  stop(): Promise<void>;
  /** What the process still holds, read at the moment the stop is cut short. */
  inFlight(): WorkInFlight;
  /** Ends the process (process.exit). */
  exit(status: number): void;
  /** Where the signals come from (the process). */
  readonly signals?: { on(signal: StopSignal, listener: () => void): unknown };
}

/** Installs the stop: the first SIGTERM or SIGINT begins it; any later one ends the process at once. */
export function stopOnSignals(options: BoundedStopOptions): void {
  const { timeoutMs, log } = options;
  let startedAt: number | null = null;
  let exited = false;
  const exit = (status: number) => {
    if (exited) return;
    exited = true;
    options.exit(status);
  };

  const cutShort = (why: string, cause: Record<string, unknown>) => {
    if (exited) return;
    const left = options.inFlight();
    const waitedMs = startedAt === null ? 0 : Date.now() - startedAt;
    log.error(
      {
        stop: {
          ...cause,
          waitedMs,
          waitingFor: left.stopping,
          left: leftFields(left),
          exitStatus: STOPPED_SHORT,
        },
      },
      `stopped waiting ${why}, after ${waitedMs} ms waiting for ${left.stopping ?? "nothing"}: exiting with status ${STOPPED_SHORT}, leaving ${describeLeft(left)} as a crash leaves them${left.applies.some((a) => a.steps.length > 0) ? STEPS_LEFT : ""}`,
    );
    exit(STOPPED_SHORT);
  };

  const begin = (signal: StopSignal) => {
    if (startedAt !== null) {
      cutShort(`at a second signal (${signal})`, { reason: "second signal", signal });
      return;
    }
    startedAt = Date.now();
    log.info({ signal, stopTimeoutMs: timeoutMs }, "shutting down");
    const deadline = setTimeout(
      () => cutShort(`at server.stopTimeoutMs (${timeoutMs} ms)`, { reason: "stopTimeoutMs", timeoutMs }),
      timeoutMs,
    );
    options.stop().then(
      () => {
        clearTimeout(deadline);
        if (exited) return;
        log.info({ stoppedInMs: Date.now() - (startedAt ?? Date.now()) }, "stopped");
        exit(EXIT.ok);
      },
      (error: unknown) => {
        clearTimeout(deadline);
        cutShort("because the stop failed", {
          reason: "failed",
          error: error instanceof Error ? error.message : String(error),
        });
      },
    );
  };

  const signals = options.signals ?? process;
  for (const signal of STOP_SIGNALS) signals.on(signal, () => begin(signal));
}

const STEPS_LEFT =
  ": a step in flight stays RUNNING, its outcome unknown until the next applier reads the vendor's live state (another replica once the plan's lease has run out, or the next apply)";

/** What was left, as log fields: ids and counts. */
function leftFields(left: WorkInFlight) {
  return {
    plans: left.applies,
    snapshots: left.snapshots ?? "unknown: the store had not said which snapshot runs",
    httpRequestsUnanswered: left.httpRequestsUnanswered,
  };
}

/** What was left, in words: "plan p1 (steps s3, s4 in flight), snapshot x, 2 HTTP requests unanswered". */
export function describeLeft(left: WorkInFlight): string {
  const parts = [
    ...left.applies.map(
      ({ plan, steps }) =>
        `plan ${plan} (${steps.length === 0 ? "no step in flight" : `step${steps.length > 1 ? "s" : ""} ${steps.join(", ")} in flight`})`,
    ),
    ...(left.snapshots ?? []).map((id) => `snapshot ${id}`),
    ...(left.snapshots === null ? ["any snapshot it was taking (the store had not said which runs)"] : []),
    ...(left.httpRequestsUnanswered > 0
      ? [
          `${left.httpRequestsUnanswered} HTTP request${left.httpRequestsUnanswered > 1 ? "s" : ""} unanswered`,
        ]
      : []),
  ];
  return parts.length === 0 ? "nothing in flight" : parts.join(", ");
}
