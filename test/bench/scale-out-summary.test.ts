import { describe, expect, it } from "vitest";
import {
  callsPerOperation,
  maxInWindow,
  peakOf,
  type ReplicaMemory,
  withinGoal,
} from "../../bench/scenarios/scale-out.js";

const replica = (sampledPeakMiB: number, hwmMiB: number): ReplicaMemory => ({
  sampledPeakMiB,
  hwmMiB,
  heapTotalMiB: 0,
  heapUsedMiB: 0,
  externalMiB: 0,
  retainedRssMiB: 0,
  retainedHeapMiB: 0,
});

describe("the bench's scale-out figures", () => {
  it("divides each source's calls and their sum by the operations answered", () => {
    const { total, bySource } = callsPerOperation({ a: 300, b: 100, c: 0 }, 100);
    expect(total).toBe(4);
    expect(bySource).toEqual({ a: 3, b: 1, c: 0 });
  });

  it("says nothing per operation when no operation was answered, rather than zero calls", () => {
    const { total, bySource } = callsPerOperation({ a: 12 }, 0);
    expect(total).toBeNaN();
    expect(bySource.a).toBeNaN();
  });

  it("counts the most requests in any minute, however the minutes are cut", () => {
    // Minutes cut at 0 and 60 s hold 4 and 3; the minute from 40 s holds 5: the busiest is counted.
    const times = [0, 40_000, 50_000, 55_000, 65_000, 70_000, 119_000];
    expect(maxInWindow(times, 60_000)).toBe(5);
    expect(maxInWindow([...times].reverse(), 60_000)).toBe(5);
  });

  it("puts a request exactly one window after another in the next window", () => {
    expect(maxInWindow([0, 60_000], 60_000)).toBe(1);
    expect(maxInWindow([0, 59_999], 60_000)).toBe(2);
    expect(maxInWindow([], 60_000)).toBe(0);
  });

  it("holds each replica's higher peak, sampled or the kernel's, to the memory goal", () => {
    expect(peakOf(replica(140, 152))).toBe(152);
    expect(withinGoal([replica(120, 130), replica(149, 150)], 150)).toBe(true);
    expect(withinGoal([replica(120, 130), replica(140, 152)], 150)).toBe(false);
  });
});
