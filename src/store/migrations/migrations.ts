/**
 * Every schema version, in order. A migration is added, never edited: a store migrated by an
 * earlier Rollcall is brought up to date at start-up. Names sort in the order they apply.
 */
import type { Migration, MigrationProvider } from "kysely";
import type { StoreEngine } from "../store-url.js";
import { initial } from "./001-initial.js";
import { history } from "./002-history.js";
import { planLease } from "./003-plan-lease.js";
import { snapshotLease } from "./004-snapshot-lease.js";
import { oneRunningSnapshot } from "./005-one-running-snapshot.js";
import { peopleMatrix } from "./006-people-matrix.js";

export function storeMigrations(engine: StoreEngine): MigrationProvider {
  const migrations: Record<string, Migration> = {
    "001-initial": initial(engine),
    "002-history": history(),
    "003-plan-lease": planLease(),
    "004-snapshot-lease": snapshotLease(),
    "005-one-running-snapshot": oneRunningSnapshot(),
    "006-people-matrix": peopleMatrix(),
  };
  return { getMigrations: async () => migrations };
}
