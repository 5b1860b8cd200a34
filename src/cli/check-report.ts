import type { SourceCheck } from "./source-checks.js";
import type { StoreCheck } from "./store-check.js";

const yesNo = (value: boolean | null, unknown: string) => (value === null ? unknown : value ? "yes" : "no");

/** The table `rollcall check` prints, a line per source, then notes, the store and a verdict. */
export function renderChecks(checks: readonly SourceCheck[], store?: StoreCheck): string {
  const header = ["SOURCE", "REACHABLE", "AUTHENTICATED", "ADMIN RIGHTS", "LATENCY", "PROBLEM"];
  const rows = checks.map((c) => {
    // Not reached: the later columns were not asked at all.
    const asked = c.reachable !== false;
    return [
      `${c.id} (${c.kind})`,
      yesNo(c.reachable, "unknown"),
      asked ? yesNo(c.authenticated, "unknown") : "-",
      asked ? yesNo(c.admin, "unknown") : "-",
      `${c.latencyMs} ms`,
      c.problem ? `${c.problem.code}: ${c.problem.message}` : "-",
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join("  ")
      .trimEnd();
  const notes = checks
    .filter((c) => c.admin === null && c.adminBasis)
    .map((c) => `  ${c.id}: admin rights unknown: ${c.adminBasis}`);
  const failing = checks.filter((c) => c.problem).length;
  const verdict =
    failing === 0
      ? `All ${checks.length} sources can be used.`
      : `${failing} of ${checks.length} sources have a problem.`;
  return [
    line(header),
    ...rows.map(line),
    ...(notes.length ? ["", "Notes:", ...notes] : []),
    ...(store ? ["", storeLine(store)] : []),
    "",
    store && !store.ok ? `${verdict} The store can't be used.` : verdict,
  ].join("\n");
}

function storeLine(store: StoreCheck): string {
  if (!store.ok) return `Store: ${store.problem}`;
  const engine = store.engine === "postgres" ? "PostgreSQL" : "SQLite";
  return `Store: ${engine} at ${store.url} opens and its schema is up to date.`;
}

/** The same findings for scripts: `rollcall check --json`. */
export function checksJson(checks: readonly SourceCheck[], store?: StoreCheck): string {
  const ok = checks.every((c) => !c.problem) && (store?.ok ?? true);
  return JSON.stringify({ ok, sources: checks, ...(store && { store }) }, null, 2);
}
