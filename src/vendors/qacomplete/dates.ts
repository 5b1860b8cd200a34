/**
 * QAComplete's date format: a seven-digit fraction and no zone, `"2016-01-01T00:00:00.0000000"`
 * (seed page response). Read as UTC [I]: the docs name no zone. `"00001-01-01T00:00:00.0000000"`
 * (.NET's DateTime.MinValue, REFERENCE §3.3) means "not set".
 */
const QAC_DATE = /^(\d{4,5})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,7}))?$/;

export function qacDate(value: string | null | undefined): Date | null {
  if (!value) return null;
  const match = QAC_DATE.exec(value);
  if (!match) {
    // A zone-qualified value is not documented, but it is unambiguous if one ever arrives.
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? null : date;
  }
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (year <= 1) return null;
  const millis = Number((match[7] ?? "").padEnd(3, "0").slice(0, 3));
  const date = new Date(0);
  // setUTCFullYear, because Date.UTC maps years 0-99 onto 1900-1999.
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, millis);
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date;
}

/** The inverse, for the simulator: UTC, seven fraction digits, no zone. */
export function formatQacDate(date: Date): string {
  return `${date.toISOString().slice(0, 23)}0000`;
}

/** The "not set" sentinel as QAComplete sends it. */
export const QAC_UNSET_DATE = "00001-01-01T00:00:00.0000000";
