import type { StoreEngine } from "./store-url.js";

/** Which step failed: connecting to (or creating) the store, or bringing its schema up to date. */
export type StoreStage = "open" | "migrate";

/**
 * The store could not be opened or migrated. Its message says which, the engine, the URL (its
 * password replaced) and the driver's reason: what start-up prints before it stops.
 */
export class StoreOpenError extends Error {
  constructor(
    readonly stage: StoreStage,
    /** Null when the URL names no engine Rollcall knows. */
    readonly engine: StoreEngine | null,
    /** The URL as shown: its password replaced. */
    readonly url: string,
    readonly reason: string,
  ) {
    const where = engine === null ? url : `${engine === "sqlite" ? "SQLite" : "PostgreSQL"} at ${url}`;
    super(`Cannot ${stage} the store (${where}): ${reason}`);
    this.name = "StoreOpenError";
  }
}

/**
 * A transaction whose commit failed (the connection dropped while committing, the file could not be
 * written): the store may or may not have kept it, and only reading it back tells. The driver's
 * words (which may name a file) are its `cause`, for the server's log.
 */
export class CommitOutcomeUnknownError extends Error {
  constructor(what: string, cause: unknown) {
    super(`The store failed while committing ${what}: whether it was kept can only be read back`, { cause });
    this.name = "CommitOutcomeUnknownError";
  }
}
