import type { TestResultsClient } from "../client.js";
import type { DirectoryReads } from "../directory.js";

/** What every writer of one source shares: its client and its per-operation reads. */
export interface WriteContext {
  readonly sourceId: string;
  readonly vendor: string;
  readonly client: TestResultsClient;
  readonly reads: DirectoryReads;
}
