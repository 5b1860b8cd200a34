/**
 * An export's body, streamed: rows come from an async iterable the store fills a page at a time, and
 * each is written as it comes, so an export of any size holds one page in memory.
 * CSV: csv-stringify (RFC 4180 quoting; a field a spreadsheet would run as a formula is prefixed
 * with a quote), one header row, the columns in the documented order; null is an empty field,
 * a list is its items joined by spaces. JSON: one array, written element by element.
 */
import { Readable } from "node:stream";
import { stringify } from "csv-stringify";

export type Row = Record<string, unknown>;

export const FORMATS = {
  csv: "text/csv; charset=utf-8",
  json: "application/json; charset=utf-8",
} as const;
export type Format = keyof typeof FORMATS;

function csvBody(columns: readonly string[], rows: AsyncIterable<Row>): Readable {
  const csv = stringify({
    header: true,
    columns: [...columns],
    escape_formulas: true,
    cast: {
      date: (d) => d.toISOString(),
      boolean: (b) => String(b),
      object: (o) => (Array.isArray(o) ? o.join(" ") : JSON.stringify(o)),
    },
  });
  const source = Readable.from(rows);
  source.on("error", (error) => csv.destroy(error));
  return source.pipe(csv);
}

/** The rows with exactly the documented keys, in their order (JSON keeps insertion order). */
async function* ordered(columns: readonly string[], rows: AsyncIterable<Row>): AsyncGenerator<string> {
  let first = true;
  yield "[";
  for await (const row of rows) {
    const picked = Object.fromEntries(columns.map((c) => [c, row[c] ?? null]));
    yield `${first ? "\n" : ",\n"}${JSON.stringify(picked)}`;
    first = false;
  }
  yield first ? "]\n" : "\n]\n";
}

export function exportBody(format: Format, columns: readonly string[], rows: AsyncIterable<Row>): Readable {
  return format === "csv" ? csvBody(columns, rows) : Readable.from(ordered(columns, rows));
}
