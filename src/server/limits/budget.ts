import type { LimitsConfig } from "../../config/config-schema.js";
import type { Caller } from "../callers/caller.js";

/** What one operation may cost: its estimated upstream calls and returned objects. */
export interface Budget {
  readonly upstreamCalls: number;
  readonly objects: number;
}

/**
 * The budget of whoever is asking: `server.limits.callers.<name>` where the caller has one (an API
 * key's name, or a token's subject), else the default. The one place that maps a caller to a budget.
 */
export function budgetFor(caller: Caller | undefined, limits: LimitsConfig): Budget {
  const name = caller?.kind === "api-key" ? caller.keyName : caller?.subject;
  const own = name === undefined ? undefined : limits.callers[name];
  return {
    upstreamCalls: own?.upstreamCalls ?? limits.upstreamCalls,
    objects: own?.objects ?? limits.objects,
  };
}
