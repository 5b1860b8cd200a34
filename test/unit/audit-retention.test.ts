import { afterEach, describe, expect, it, vi } from "vitest";
import { startAuditRetention } from "../../src/store/audit-retention.js";
import type { AuditStore } from "../../src/store/store.js";

const DAY = 24 * 60 * 60 * 1000;
const NOW = new Date("2026-06-01T00:00:00.000Z");

/** An audit store that only counts prunes (and fails the first one when asked). */
function countingAudit(failFirst = false) {
  const cutoffs: Date[] = [];
  const audit = {
    async prune(before: Date) {
      cutoffs.push(before);
      if (failFirst && cutoffs.length === 1) throw new Error("database is locked");
      return 3;
    },
  } as unknown as AuditStore;
  return { audit, cutoffs };
}

const quietLog = () => ({ info: vi.fn(), error: vi.fn() });

describe("audit retention", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("prunes events older than the retention at start-up, then once a day", async () => {
    vi.useFakeTimers();
    const { audit, cutoffs } = countingAudit();
    const log = quietLog();
    const retention = await startAuditRetention(audit, 30, log, () => NOW);
    expect(cutoffs).toEqual([new Date(NOW.getTime() - 30 * DAY)]);
    expect(log.info).toHaveBeenCalledWith(expect.objectContaining({ deleted: 3 }), "pruned old audit events");
    await vi.advanceTimersByTimeAsync(DAY - 1);
    expect(cutoffs).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(2 * DAY);
    expect(cutoffs).toHaveLength(3);
    retention.stop();
    await vi.advanceTimersByTimeAsync(5 * DAY);
    expect(cutoffs).toHaveLength(3);
  });

  it("keeps events forever at 0 days: nothing is pruned, no timer set", async () => {
    vi.useFakeTimers();
    const { audit, cutoffs } = countingAudit();
    await startAuditRetention(audit, 0, quietLog(), () => NOW);
    expect(vi.getTimerCount()).toBe(0);
    expect(cutoffs).toEqual([]);
  });

  it("logs a prune that fails and tries again the next day, without stopping start-up", async () => {
    vi.useFakeTimers();
    const { audit, cutoffs } = countingAudit(true);
    const log = quietLog();
    const retention = await startAuditRetention(audit, 1, log, () => NOW);
    expect(log.error).toHaveBeenCalledWith(
      expect.objectContaining({ err: { message: "database is locked" } }),
      "could not prune old audit events",
    );
    await vi.advanceTimersByTimeAsync(DAY);
    expect(cutoffs).toHaveLength(2);
    expect(log.info).toHaveBeenCalledTimes(1);
    retention.stop();
  });
});
