/**
 * Changes to Rollcall's own records that belong to no source (the staff roster): the audit trail
 * files them under the source id `rollcall`, which the config reserves so no source can take it.
 */
import { ErrorCode, SourceError } from "../model/errors.js";

/** The `source` of an audit event on Rollcall's own records. */
export const ROLLCALL_RECORDS = "rollcall";

/**
 * A change to Rollcall's own records that was not made because its intent could not be recorded:
 * nothing changed, and trying again once the store answers is safe (AuditUnavailableError's twin for
 * what no vendor holds). The store's own words stay in the server's log.
 */
export class OwnRecordsAuditUnavailableError extends SourceError {
  constructor(what: string) {
    super(
      `The audit trail could not record this change to ${what}, so it was not made: nothing changed. Try again once Rollcall's store answers`,
      { code: ErrorCode.AUDIT_UNAVAILABLE, sourceId: ROLLCALL_RECORDS, vendor: "rollcall", retryable: true },
    );
    this.name = "OwnRecordsAuditUnavailableError";
  }
}
