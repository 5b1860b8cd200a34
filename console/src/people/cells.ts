/** What one person holds in one source, as a matrix cell shows it (from a snapshot, or live). */
import { strongest } from "../levels";
import type { Level, MatrixPerson } from "../queries";
import type { SnapshotCell } from "./matrix-queries";

export type Cell =
  | { readonly kind: "no-account" }
  /** Whether they have an account there is not known, and why (the source failed, was not read…). */
  | { readonly kind: "unknown"; readonly why: string }
  | {
      readonly kind: "account";
      readonly level: Level | null;
      readonly active: boolean;
      /** False: some of their access there was not read, so `level` is at best a floor. */
      readonly levelKnown: boolean;
    };

/** A live person's cell: `failedSources` did not answer this request. */
export function cellOf(person: MatrixPerson, source: string, failedSources: ReadonlySet<string>): Cell {
  const accounts = person.accounts.filter((a) => a.source.id === source);
  if (accounts.length === 0)
    return failedSources.has(source) ? { kind: "unknown", why: "source failed" } : { kind: "no-account" };
  return {
    kind: "account",
    level: strongest(person.access.filter((p) => p.source.id === source).map((p) => p.level)),
    active: accounts.some((a) => a.active),
    levelKnown: true,
  };
}

/** A snapshot's cell; none at all for a source the snapshot did not cover (configured since). */
export function snapshotCell(cell: SnapshotCell | undefined): Cell {
  if (!cell) return { kind: "unknown", why: "not in snapshot" };
  switch (cell.state) {
    case "NOT_READ":
      return { kind: "unknown", why: "not read" };
    case "NO_ACCOUNT":
      return { kind: "no-account" };
    case "ACCOUNT":
      return {
        kind: "account",
        level: cell.highestLevel,
        active: cell.active ?? false,
        levelKnown: cell.levelKnown,
      };
  }
}
