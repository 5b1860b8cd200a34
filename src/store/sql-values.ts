/**
 * Values between the model and the columns, the same for both engines: what each driver hands back
 * differs (a Date or an ISO string, a number or an int8 string), so every read goes through here.
 */

/** Timestamps are written as ISO strings: both engines compare them correctly (SQLite as text). */
export function toSqlDate(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new RangeError("an invalid Date cannot be stored");
  return date.toISOString();
}

export function fromSqlDate(value: Date | string): Date {
  return value instanceof Date ? value : new Date(value);
}

export function fromSqlDateOrNull(value: Date | string | null): Date | null {
  return value === null ? null : fromSqlDate(value);
}

/** JSON text; `undefined` (nothing known) is stored as SQL NULL and reads back as null. */
export function toJson(value: unknown): string | null {
  return value === undefined ? null : JSON.stringify(value);
}

export function fromJson(text: string | null): unknown {
  return text === null ? null : JSON.parse(text);
}

export function toFlag(value: boolean): number {
  return value ? 1 : 0;
}

export function fromFlag(value: number | string | boolean): boolean {
  return Number(value) !== 0;
}

/** An auto id as the model carries it (a string); PostgreSQL hands int8 back as a string already. */
export function idToString(value: number | string | bigint): string {
  return String(value);
}

/** An id the model gave back (an event id, a cursor), or null when it cannot be one. */
export function parseId(value: string): number | null {
  if (!/^[1-9][0-9]{0,15}$/.test(value)) return null;
  const id = Number(value);
  return Number.isSafeInteger(id) ? id : null;
}

/** Integer columns (attempts, vendor status) may come back as strings from some drivers. */
export function toInt(value: number | string): number {
  return typeof value === "number" ? value : Number(value);
}

/** Rows per statement, so a long list stays under the engines' limits on bound parameters. */
export function inChunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
