import type { RollcallConfig } from "../config/config-schema.js";
import { openStore } from "../store/open-store.js";
import { StoreOpenError } from "../store/store-error.js";
import { hidePassword, locateStore } from "../store/store-url.js";

/** What `rollcall check` found out about the store: it opens and its schema is up to date, or why not. */
export interface StoreCheck {
  /** `sqlite` or `postgres`; null when the URL names neither. */
  readonly engine: "sqlite" | "postgres" | null;
  /** The URL, its password replaced. */
  readonly url: string;
  readonly ok: boolean;
  /** StoreOpenError's message: open or migrate, and why. */
  readonly problem: string | null;
}

/**
 * Opens the store as start-up would — which applies any pending migration, creating an SQLite file
 * that does not exist yet — then closes it.
 */
export async function checkStore(config: Pick<RollcallConfig, "store">): Promise<StoreCheck> {
  try {
    const store = await openStore(config.store);
    await store.close();
    return { engine: store.engine, url: locateStore(config.store.url).shown, ok: true, problem: null };
  } catch (error) {
    if (error instanceof StoreOpenError)
      return { engine: error.engine, url: error.url, ok: false, problem: error.message };
    return {
      engine: null,
      url: hidePassword(config.store.url),
      ok: false,
      problem: `the store check failed unexpectedly (${error instanceof Error ? error.name : typeof error})`,
    };
  }
}
