/**
 * The serving process's stop on SIGTERM/SIGINT (src/cli/bounded-stop.ts), with its signals, clock
 * and exit stood in for: a graceful stop exits 0; one past server.stopTimeoutMs, or a second
 * signal, or a stop that fails, exits 1 at once with a log of what it left. The same with real
 * processes and a plan step held in flight: test/integration/plans/stop-deadline.test.ts.
 */
import { EventEmitter } from "node:events";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { WorkInFlight } from "../../src/app.js";
import { describeLeft, type StopSignal, stopOnSignals } from "../../src/cli/bounded-stop.js";

const HELD: WorkInFlight = {
  stopping: "plan steps in flight",
  applies: [{ plan: "plan-1", steps: ["s3", "s4"] }],
  snapshots: ["snap_1"],
  httpRequestsUnanswered: 2,
};

interface Line {
  level: "info" | "error";
  fields: Record<string, unknown>;
  message: string;
}

function harness(stop: () => Promise<void>, inFlight: () => WorkInFlight = () => HELD) {
  const signals = new EventEmitter();
  const lines: Line[] = [];
  const exits: number[] = [];
  stopOnSignals({
    timeoutMs: 25_000,
    log: {
      info: (fields, message) => lines.push({ level: "info", fields: fields as Line["fields"], message }),
      error: (fields, message) => lines.push({ level: "error", fields: fields as Line["fields"], message }),
    },
    stop,
    inFlight,
    exit: (status) => exits.push(status),
    signals: { on: (signal: StopSignal, listener: () => void) => signals.on(signal, listener) },
  });
  return { send: (signal: StopSignal) => signals.emit(signal), lines, exits };
}

/** A stop that ends only when told. */
function heldStop() {
  let finish: () => void = () => undefined;
  let fail: (error: Error) => void = () => undefined;
  const stop = vi.fn(
    () =>
      new Promise<void>((resolve, reject) => {
        finish = resolve;
        fail = reject;
      }),
  );
  return { stop, finish: () => finish(), fail: (error: Error) => fail(error) };
}

describe("a serving process told to stop", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("stops gracefully and exits 0 once everything is closed, whichever signal began it", async () => {
    for (const signal of ["SIGTERM", "SIGINT"] as const) {
      const held = heldStop();
      const { send, lines, exits } = harness(held.stop);
      send(signal);
      expect(held.stop).toHaveBeenCalledTimes(1);
      expect(lines).toEqual([
        { level: "info", fields: { signal, stopTimeoutMs: 25_000 }, message: "shutting down" },
      ]);
      await vi.advanceTimersByTimeAsync(24_000);
      expect(exits).toEqual([]);
      held.finish();
      await vi.advanceTimersByTimeAsync(0);
      expect(exits).toEqual([0]);
      expect(lines.map((l) => l.message)).toEqual(["shutting down", "stopped"]);
      // The limit's timer was cleared: nothing more happens after it would have run out.
      await vi.advanceTimersByTimeAsync(60_000);
      expect(exits).toEqual([0]);
    }
  });

  it("stops waiting at server.stopTimeoutMs: logs what it leaves, by id, and exits 1 without waiting for the stop", async () => {
    const held = heldStop();
    const inFlight = vi.fn(() => HELD);
    const { send, lines, exits } = harness(held.stop, inFlight);
    send("SIGTERM");
    await vi.advanceTimersByTimeAsync(24_999);
    expect(exits).toEqual([]);
    expect(inFlight).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(exits).toEqual([1]);
    const last = lines.at(-1) as Line;
    expect(last.level).toBe("error");
    expect(last.fields).toEqual({
      stop: {
        reason: "stopTimeoutMs",
        timeoutMs: 25_000,
        waitedMs: 25_000,
        waitingFor: "plan steps in flight",
        left: {
          plans: [{ plan: "plan-1", steps: ["s3", "s4"] }],
          snapshots: ["snap_1"],
          httpRequestsUnanswered: 2,
        },
        exitStatus: 1,
      },
    });
    expect(last.message).toContain(
      "stopped waiting at server.stopTimeoutMs (25000 ms), after 25000 ms waiting for plan steps in flight: exiting with status 1, leaving plan plan-1 (steps s3, s4 in flight), snapshot snap_1, 2 HTTP requests unanswered as a crash leaves them",
    );
    // The graceful stop finishing later changes nothing: the process has already exited.
    held.finish();
    await vi.advanceTimersByTimeAsync(0);
    expect(exits).toEqual([1]);
  });

  it("ends at once at a second signal, SIGTERM or SIGINT, with the same log", async () => {
    const held = heldStop();
    const { send, lines, exits } = harness(held.stop);
    send("SIGTERM");
    await vi.advanceTimersByTimeAsync(1000);
    send("SIGINT");
    expect(exits).toEqual([1]);
    expect((lines.at(-1) as Line).fields).toMatchObject({
      stop: {
        reason: "second signal",
        signal: "SIGINT",
        waitedMs: 1000,
        left: { plans: HELD.applies, snapshots: HELD.snapshots, httpRequestsUnanswered: 2 },
        exitStatus: 1,
      },
    });
    expect(held.stop).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(60_000);
    send("SIGTERM");
    expect(exits).toEqual([1]);
  });

  it("exits 1 with what it left when the stop itself fails", async () => {
    const held = heldStop();
    const { send, lines, exits } = harness(held.stop);
    send("SIGTERM");
    held.fail(new Error("the store did not close"));
    await vi.advanceTimersByTimeAsync(0);
    expect(exits).toEqual([1]);
    expect((lines.at(-1) as Line).fields).toMatchObject({
      stop: { reason: "failed", error: "the store did not close", left: { plans: HELD.applies } },
    });
  });
});

describe("what a stop cut short says it left", () => {
  it("names each plan with its steps in flight, the snapshot, and unanswered requests; nothing when nothing", () => {
    expect(
      describeLeft({
        stopping: "HTTP requests in flight",
        applies: [
          { plan: "p1", steps: ["s2"] },
          { plan: "p2", steps: [] },
        ],
        snapshots: [],
        httpRequestsUnanswered: 1,
      }),
    ).toBe("plan p1 (step s2 in flight), plan p2 (no step in flight), 1 HTTP request unanswered");
    expect(
      describeLeft({ stopping: "the store to close", applies: [], snapshots: [], httpRequestsUnanswered: 0 }),
    ).toBe("nothing in flight");
    expect(
      describeLeft({
        stopping: "plan steps in flight",
        applies: [],
        snapshots: null,
        httpRequestsUnanswered: 0,
      }),
    ).toBe("any snapshot it was taking (the store had not said which runs)");
  });
});
