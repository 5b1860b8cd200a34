import { NotFoundError } from "../../model/errors.js";
import { VENDOR } from "./vendor.js";

/** Squash ids are numbers (REFERENCE §2.3 "IDs are numbers"); Spring answers 400 to anything else
 *  in an id path, and a comma would split an id list. */
export const isSquashId = (id: string): boolean => /^\d+$/.test(id);

/** The id, when it can name a Squash object; otherwise that object is not found, without a call. */
export function squashId(id: string, what: string, sourceId: string): string {
  if (!isSquashId(id)) throw new NotFoundError(sourceId, VENDOR, what, id);
  return id;
}
