/**
 * `review.rosterFile`: the staff roster kept in a file (CSV with an `email` header, or a JSON list),
 * the one source of the roster while it is configured. It is loaded at start-up and again whenever
 * its modification time changes, checked before each use (a stat per query that needs it), so an
 * edited file counts from the next query on with no watcher to keep alive. Each load is an event of
 * the audit trail (REPLACE_ROSTER by `system`, operation `review.rosterFile`; UNCHANGED when the file
 * holds the roster already, as at a restart), recorded in the same commit as the roster's change:
 * if it can't be, the roster stays as it was and the load fails. Two replicas loading one edited
 * file at once replace the roster one after the other: the second's event is UNCHANGED.
 */
import { readFile, stat } from "node:fs/promises";
import { extname } from "node:path";
import { withAuditContext } from "../../audit/audit-context.js";
import type { AuditTrail } from "../../audit/audit-trail.js";
import { auditedRosterReplacement } from "../../audit/audited-roster.js";
import type { Store } from "../../store/store.js";
import { rosterFromCsv, rosterFromJson } from "./roster-input.js";

/** What the store last loaded from the file, per store (a process may hold several: tests). */
const loaded = new WeakMap<Store, { readonly path: string; readonly mtimeMs: number }>();

/** The roster file could not be read or is not a roster: a configuration problem, said without
 *  the file's contents. */
export class RosterFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RosterFileError";
  }
}

/** Load the file into the store if it changed since the last load; answers whether it loaded. */
export async function syncRosterFile(store: Store, trail: AuditTrail, path: string): Promise<boolean> {
  let mtimeMs: number;
  try {
    mtimeMs = (await stat(path)).mtimeMs;
  } catch (error) {
    throw new RosterFileError(
      `The roster file (review.rosterFile) can't be read: ${(error as NodeJS.ErrnoException).code ?? "error"}`,
    );
  }
  const last = loaded.get(store);
  if (last && last.path === path && last.mtimeMs === mtimeMs) return false;
  const text = await readFile(path, "utf8").catch((error: NodeJS.ErrnoException) => {
    throw new RosterFileError(`The roster file (review.rosterFile) can't be read: ${error.code ?? "error"}`);
  });
  const field = "review.rosterFile";
  let entries: Awaited<ReturnType<typeof rosterFromCsv>>;
  try {
    entries =
      extname(path).toLowerCase() === ".json"
        ? rosterFromJson(text, field)
        : await rosterFromCsv(text, field);
  } catch (error) {
    throw new RosterFileError((error as Error).message);
  }
  // The file's path stays out of the trail (it may say where a server's files are): `by` keeps it
  // on the entries, as before.
  await withAuditContext({ caller: "system", operation: "review.rosterFile" }, () =>
    auditedRosterReplacement(trail, store.history, entries, `file:${path}`),
  );
  loaded.set(store, { path, mtimeMs });
  return true;
}
