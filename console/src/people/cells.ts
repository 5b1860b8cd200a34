/** What one person holds in one source, as a matrix cell shows it. */
import { strongest } from "../levels";
import type { Level, MatrixPerson } from "../queries";

export type Cell =
  | { readonly kind: "no-account" }
  /** The source failed to answer: whether they have an account there is not known. */
  | { readonly kind: "unknown" }
  | { readonly kind: "account"; readonly level: Level | null; readonly active: boolean };

export function cellOf(person: MatrixPerson, source: string, failedSources: ReadonlySet<string>): Cell {
  const accounts = person.accounts.filter((a) => a.source.id === source);
  if (accounts.length === 0) return failedSources.has(source) ? { kind: "unknown" } : { kind: "no-account" };
  return {
    kind: "account",
    level: strongest(person.access.filter((p) => p.source.id === source).map((p) => p.level)),
    active: accounts.some((a) => a.active),
  };
}
