import { ErrorCode, SourceError } from "../model/errors.js";

/**
 * A write that was not sent because its intent could not be recorded: nothing changed, and trying
 * again once the store answers is safe. A SourceError of the write's source, so a mutation reports
 * it on that source's result (and the plan engine on that step) like any other failure of the write.
 * The store's own words stay in the server's log: they may name its file or its database.
 */
export class AuditUnavailableError extends SourceError {
  constructor(source: { readonly id: string; readonly vendor: string }) {
    super(
      `The audit trail could not record this change, so it was not sent to source "${source.id}" (${source.vendor}): nothing changed. Try again once Rollcall's store answers`,
      { code: ErrorCode.AUDIT_UNAVAILABLE, sourceId: source.id, vendor: source.vendor, retryable: true },
    );
    this.name = "AuditUnavailableError";
  }
}
