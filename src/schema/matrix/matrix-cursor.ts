import { InputError } from "../../model/errors.js";

/**
 * A matrix cursor: the key of the last person seen, opaque to clients. People are paged by key
 * (keyset), so a page costs one index range however deep it is, and a finished snapshot never
 * changes under it.
 */
export function encodeMatrixCursor(personKey: string): string {
  return Buffer.from(`matrix:${personKey}`, "utf8").toString("base64url");
}

export function decodeMatrixCursor(cursor: string | null | undefined, argument = "after"): string | null {
  if (cursor == null) return null;
  const text = Buffer.from(cursor, "base64url").toString("utf8");
  if (!text.startsWith("matrix:") || text.length === "matrix:".length || /\p{Cs}|\uFFFD/u.test(text))
    throw new InputError(`"${cursor}" is not a cursor of the access matrix`, argument);
  return text.slice("matrix:".length);
}
