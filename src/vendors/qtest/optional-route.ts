import { isMissingRoute, type SourceError } from "../../model/errors.js";

/** How long a source is taken at its word that it lacks a route before it is asked again. */
const MISSING_ROUTE_RECHECK_MS = 10 * 60 * 1000;

/**
 * A route an instance may not serve (qTest's `GET /api/v3/groups`): a 404 on it means this instance
 * does not offer what it serves, which is remembered for the source, so later reads answer at once
 * with `unsupported()` instead of asking again — until `recheckMs` has passed (an instance may be
 * upgraded, or the 404 may have come from a proxy having a bad minute), when the next read asks again.
 * Any other failure is passed on and remembered by nobody.
 */
export class OptionalRoute {
  private missingSince: number | null = null;

  constructor(
    private readonly unsupported: () => SourceError,
    private readonly recheckMs = MISSING_ROUTE_RECHECK_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether the route is known to be missing (and not yet due for a re-check). */
  get knownMissing(): boolean {
    return this.missingSince !== null && this.now() - this.missingSince < this.recheckMs;
  }

  async read<T>(load: () => Promise<T>): Promise<T> {
    if (this.knownMissing) throw this.unsupported();
    try {
      const answer = await load();
      this.missingSince = null;
      return answer;
    } catch (error) {
      if (!isMissingRoute(error)) throw error;
      this.missingSince = this.now();
      throw this.unsupported();
    }
  }
}
