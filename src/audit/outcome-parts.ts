import { AuditOutcome } from "../store/store.js";
import { failureOutcome, type OutcomePart } from "./failure-outcome.js";

export const applied = (message: string | null = null): OutcomePart => ({
  outcome: AuditOutcome.APPLIED,
  code: null,
  message,
  vendorStatus: null,
});

export const unchanged = (message: string | null = null): OutcomePart => ({
  outcome: AuditOutcome.UNCHANGED,
  code: null,
  message,
  vendorStatus: null,
});

/** A batch answer key by key: each key's Error as its failure, each value as `ok` says. */
export function perKey<V>(answers: ReadonlyArray<V | Error>, ok: (value: V, index: number) => OutcomePart) {
  return answers.map((a, i) => (a instanceof Error ? failureOutcome(a) : ok(a, i)));
}

/** The message of an outcome: the sentences given, or null when there are none. */
export function sentences(...parts: ReadonlyArray<string | null | undefined>): string | null {
  const said = parts.filter((p): p is string => typeof p === "string" && p !== "");
  return said.length > 0 ? said.join(" ") : null;
}
