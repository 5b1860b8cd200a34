/**
 * The staff roster as it is supplied — entries, CSV text or a JSON list — read into entries keyed by
 * normalized email. Every problem names where it is (`input.entries[3].email`, `input.csv` line 4):
 * a roster with one bad line is refused whole, never half-applied.
 */
import { InputError } from "../../model/errors.js";
import { normalizeEmail } from "../../people/person.js";
import { expectEmail } from "../../schema/mutations/global-ids.js";
import type { RosterEntry } from "../snapshot.js";

export interface SuppliedEntry {
  readonly email: string;
  readonly name?: string | null;
}

const MAX_ENTRIES = 200_000;

function entryOf(entry: SuppliedEntry, field: string): RosterEntry {
  if (typeof entry?.email !== "string")
    throw new InputError(`\`${field}.email\` is required`, `${field}.email`);
  const email = expectEmail(entry.email, `${field}.email`);
  const name = typeof entry.name === "string" && entry.name.trim() !== "" ? entry.name.trim() : null;
  return { personKey: normalizeEmail(email), name };
}

export function rosterFromEntries(entries: readonly SuppliedEntry[], field: string): RosterEntry[] {
  if (entries.length > MAX_ENTRIES)
    throw new InputError(`A roster holds at most ${MAX_ENTRIES} entries`, field);
  return entries.map((e, i) => entryOf(e, `${field}[${i}]`));
}

/**
 * CSV with a header row naming an `email` column (any case) and optionally `name`; other columns are
 * ignored. RFC 4180 quoting (csv-parse); a byte-order mark is skipped. csv-parse is loaded with the
 * first CSV roster, not at start: most replicas never read one (issue 17).
 */
export async function rosterFromCsv(text: string, field: string): Promise<RosterEntry[]> {
  const { parse } = await import("csv-parse/sync");
  let rows: string[][];
  try {
    rows = parse(text, { bom: true, skip_empty_lines: true, trim: true, relax_column_count: true });
  } catch (error) {
    throw new InputError(`\`${field}\` is not CSV: ${(error as Error).message}`, field);
  }
  const header = (rows[0] ?? []).map((h) => h.toLowerCase());
  const emailAt = header.indexOf("email");
  const nameAt = header.indexOf("name");
  if (emailAt < 0) throw new InputError(`\`${field}\` needs a header row with an \`email\` column`, field);
  if (rows.length - 1 > MAX_ENTRIES)
    throw new InputError(`A roster holds at most ${MAX_ENTRIES} entries`, field);
  return rows.slice(1).map((row, i) => {
    const email = row[emailAt] ?? "";
    const line = `line ${i + 2}`;
    if (email === "") throw new InputError(`\`${field}\` ${line}: no email`, field);
    try {
      return entryOf({ email, name: nameAt >= 0 ? row[nameAt] : null }, field);
    } catch (error) {
      throw new InputError(`\`${field}\` ${line}: ${(error as Error).message}`, field);
    }
  });
}

/** A JSON array of `{ email, name? }` (or of email strings). */
export function rosterFromJson(text: string, field: string): RosterEntry[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InputError(`\`${field}\` is not JSON: ${(error as Error).message}`, field);
  }
  if (!Array.isArray(value))
    throw new InputError(`\`${field}\` must be a JSON array of { email, name }`, field);
  return rosterFromEntries(
    value.map((v) => (typeof v === "string" ? { email: v } : (v as SuppliedEntry))),
    field,
  );
}
