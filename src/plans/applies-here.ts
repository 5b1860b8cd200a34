/**
 * The plans this process is applying right now and, of each, the steps it has taken (stored
 * RUNNING) and not yet recorded an outcome for. A second apply of a plan applied here is refused
 * (apply-plan.ts); a stop that can't wait any longer names what it leaves in flight (src/cli/bounded-stop.ts).
 * Ids only: a plan's steps name accounts, and a stop's log has no need of them.
 */

export interface ApplyInFlight {
  readonly plan: string;
  /** Steps taken and not yet recorded: their write may be on its way to the vendor. */
  readonly steps: readonly string[];
}

const applying = new Map<string, Set<string>>();

export const isApplyingHere = (planId: string): boolean => applying.has(planId);

/** Counts the plan as applied here until `work` ends. */
export async function applyingHere<T>(planId: string, work: () => Promise<T>): Promise<T> {
  applying.set(planId, new Set());
  try {
    return await work();
  } finally {
    applying.delete(planId);
  }
}

/** Counts the step as in flight until `work` (its live check, write and recorded outcome) ends. */
export async function stepInFlight<T>(planId: string, stepId: string, work: () => Promise<T>): Promise<T> {
  const steps = applying.get(planId);
  steps?.add(stepId);
  try {
    return await work();
  } finally {
    steps?.delete(stepId);
  }
}

/** What this process applies now, each plan's steps in the order they were taken. */
export function appliesInFlight(): ApplyInFlight[] {
  return [...applying].map(([plan, steps]) => ({ plan, steps: [...steps] }));
}
