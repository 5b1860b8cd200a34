import type { Memo, TestRailClient } from "../client.js";
import type { TestRailReads } from "../reads.js";

/** What every TestRail writer works with. */
export interface WriteContext {
  readonly client: TestRailClient;
  readonly reads: TestRailReads;
  readonly sourceId: string;
  readonly vendor: string;
}

/**
 * A memo that remembers nothing. Reads that decide a write (is the email free, who is in the
 * group, which overrides stand) and reads after it must see TestRail now, not what an earlier
 * read of the same operation cached.
 */
export const FRESH: Memo = { once: (_key, load) => load() };
