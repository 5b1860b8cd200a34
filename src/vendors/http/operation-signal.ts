import { AsyncLocalStorage } from "node:async_hooks";

/**
 * The abort signal of the GraphQL operation an upstream call is made for. The executor runs each
 * operation inside it (server/compiled-executor.ts), so the HTTP client sees it without every
 * connector and client method passing it along; work that serves many operations (a shared login)
 * runs outside it (`detached`), so one operation's cancellation never fails the others.
 */
const storage = new AsyncLocalStorage<AbortSignal>();

export function withOperationSignal<T>(signal: AbortSignal, run: () => T): T {
  return storage.run(signal, run);
}

/** The signal of the operation being served here, if any. */
export function operationSignal(): AbortSignal | undefined {
  return storage.getStore();
}

/** Runs `work` (and whatever it starts) outside any operation: nobody's cancellation stops it. */
export function detached<T>(work: () => T): T {
  return storage.exit(work);
}
