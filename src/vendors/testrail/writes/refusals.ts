import { InputError, SourceError } from "../../../model/errors.js";

/** The body field TestRail names when it refuses a write: 400 `{"error": "Field :email is not a
 *  valid email address."}` (REFERENCE §5.3 shows the `Field :<name>` form). */
export function refusedField(error: unknown): string | null {
  if (!(error instanceof SourceError) || error.httpStatus !== 400) return null;
  return /Field :(\w+)/.exec(error.vendorMessage ?? "")?.[1] ?? null;
}

/**
 * TestRail's refusal of a field Rollcall filled from the caller's input becomes the caller's
 * input error on the unified field (`email` -> `input.email`); any other failure stays as it is.
 */
export function asInputError(fields: Readonly<Record<string, string>>) {
  return (error: unknown): never => {
    const field = refusedField(error);
    const unified = field === null ? undefined : fields[field];
    if (unified && error instanceof SourceError)
      throw new InputError(`TestRail refused \`${unified}\`: ${error.vendorMessage}`, unified);
    throw error;
  };
}
