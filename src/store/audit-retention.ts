import type { AuditStore } from "./store.js";

const DAY_MS = 24 * 60 * 60 * 1000;

export interface RetentionLog {
  info(details: object, message: string): void;
  error(details: object, message: string): void;
}

/**
 * Deletes audit events older than `days` now, then once a day (0 days: kept forever, nothing runs).
 * A failed prune is logged and tried again the next day: housekeeping never stops Rollcall.
 */
export async function startAuditRetention(
  audit: AuditStore,
  days: number,
  log: RetentionLog,
  now: () => Date = () => new Date(),
): Promise<{ stop(): void }> {
  if (days <= 0) return { stop() {} };
  const prune = async () => {
    const before = new Date(now().getTime() - days * DAY_MS);
    try {
      const deleted = await audit.prune(before);
      if (deleted > 0) log.info({ deleted, before, retentionDays: days }, "pruned old audit events");
    } catch (error) {
      log.error(
        { err: { message: error instanceof Error ? error.message : String(error) }, retentionDays: days },
        "could not prune old audit events",
      );
    }
  };
  await prune();
  const timer = setInterval(() => void prune(), DAY_MS);
  // The daily prune never keeps a process alive that has nothing else to do.
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
