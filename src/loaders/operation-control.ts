import { setMaxListeners } from "node:events";
import type { GraphQLError } from "graphql";

/**
 * The cancellation of one GraphQL operation: its deadline passed or its client went away. The
 * executor runs the operation under `signal` (vendors/http/operation-signal.ts), so cancelling
 * aborts its upstream calls in flight and keeps queued ones from being sent.
 */
export class OperationControl {
  private readonly controller = new AbortController();

  constructor() {
    // Each upstream call in flight listens to it: a directory operation has a hundred or more.
    setMaxListeners(0, this.controller.signal);
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** The error the client is answered with, once cancelled. */
  get cancellation(): GraphQLError | undefined {
    return this.controller.signal.aborted ? (this.controller.signal.reason as GraphQLError) : undefined;
  }

  /** Cancel (the first reason wins). */
  cancel(reason: GraphQLError): void {
    if (!this.controller.signal.aborted) this.controller.abort(reason);
  }
}
