import { ErrorCode } from "../../model/errors.js";
import { type Caller, describeCaller, describeScopes, holds, type Scope } from "./caller.js";

/** Why a request may not go on: its HTTP status, a documented code and words for the caller. */
export interface Refusal {
  readonly status: 401 | 403 | 503;
  readonly code: ErrorCode.UNAUTHENTICATED | ErrorCode.FORBIDDEN | ErrorCode.IDENTITY_PROVIDER_UNAVAILABLE;
  readonly message: string;
}

const SEND_CREDENTIALS = "send `Authorization: Bearer <API key or token>`";

/** Null when `caller` holds `scope`; else why not: 401 without a caller, 403 with one. */
function unlessHolds(
  caller: Caller | undefined,
  scope: Scope,
  words: { anonymous: string; rule: string },
): Refusal | null {
  if (holds(caller, scope)) return null;
  if (!caller)
    return {
      status: 401,
      code: ErrorCode.UNAUTHENTICATED,
      message: `${words.anonymous}: ${SEND_CREDENTIALS}`,
    };
  return {
    status: 403,
    code: ErrorCode.FORBIDDEN,
    message: `The ${describeCaller(caller)} ${describeScopes(caller)}; ${words.rule}`,
  };
}

/**
 * Who may read and who may write, the same for GraphQL and the other routes. Reads need read
 * scope unless anonymous reads are on; writes always need write scope.
 */
export class AccessPolicy {
  constructor(readonly anonymousReads: boolean) {}

  refuseRead(caller: Caller | undefined): Refusal | null {
    if (this.anonymousReads) return null;
    return unlessHolds(caller, "read", {
      anonymous: "This server needs credentials",
      rule: "reading needs read scope",
    });
  }

  refuseWrite(caller: Caller | undefined): Refusal | null {
    return unlessHolds(caller, "write", {
      anonymous: "Mutations need write scope",
      rule: "mutations need write scope",
    });
  }
}
