import { z } from "zod";

/** Access reviews (src/history/changes, findings, the exports). */
export const reviewSchema = z.strictObject({
  /**
   * The staff roster as a file: CSV with a header row naming an `email` column (and optionally
   * `name`), or a JSON array of `{ email, name }` (by the `.json` extension). While it is set it is
   * the roster: loaded at start-up and again whenever it changes, and `replaceRoster` is refused.
   * Relative paths are from the working directory.
   */
  rosterFile: z.string().trim().min(1).optional(),
});
