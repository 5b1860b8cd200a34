import { InputError } from "../../model/errors.js";
import { isRefusal } from "./outcome.js";

/**
 * Where a vendor's words name one of its request fields (`wire`), or -1. Each vendor says how its
 * refusals name a field (`Field :email …`, ASP.NET's `Email: …`, a bare name).
 */
export type FieldNamedAt = (vendorMessage: string, wire: string) => number;

/** A pattern's first match as a FieldNamedAt: `byPattern((w) => \`\\\\b${w}\\\\b\`)`. */
export function byPattern(pattern: (wire: string) => string): FieldNamedAt {
  return (message, wire) => message.search(new RegExp(pattern(wire.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))));
}

/**
 * The vendor's refusal of a field Rollcall filled from the caller's input, as the caller's input
 * error on the unified field (`first_name` -> `input.firstName`): the field its words name first.
 * Anything else — a refusal naming no known field, any other failure — is returned unchanged.
 */
export function asInputError(
  error: unknown,
  fields: Readonly<Record<string, string>>,
  namedAt: FieldNamedAt,
): unknown {
  if (!isRefusal(error) || !error.vendorMessage) return error;
  const said = error.vendorMessage;
  let first: { at: number; field: string } | null = null;
  for (const [wire, field] of Object.entries(fields)) {
    const at = namedAt(said, wire);
    if (at >= 0 && (first === null || at < first.at)) first = { at, field };
  }
  if (!first) return error;
  return new InputError(
    `Source "${error.sourceId}" (${error.vendor}) refused \`${first.field}\`: ${said}`,
    first.field,
  );
}
