import type { SimRequest } from "../../../simulator/router.js";
import { SimHttpError } from "../../../simulator/sim-server.js";

/**
 * A test switch the shared fault kit can't throw: the write is COMMITTED, then its answer is lost
 * (a proxy's 504 after the service did the work). That is the "unknown outcome" a client must
 * settle by reading, never by sending the write again. The kit's 5xx answers before the route
 * runs, so with it nothing is written.
 */
export class LostAnswers {
  private rules: Array<{ readonly match: string; remaining: number }> = [];

  /** The next `times` writes whose "METHOD path" contains `match` commit, then answer 504. */
  inject(match: string, times = 1): void {
    this.rules.push({ match, remaining: times });
  }

  clear(): void {
    this.rules = [];
  }

  /** Called by a write route once its change is stored. */
  afterCommit(request: SimRequest): void {
    const line = `${request.method} ${request.path}`;
    const rule = this.rules.find((r) => r.remaining > 0 && line.includes(r.match));
    if (!rule) return;
    rule.remaining -= 1;
    throw new SimHttpError(504, "The gateway timed out waiting for the service to answer.");
  }
}
