import { ErrorCode } from "../../model/errors.js";
import { type Caller, describeCaller, describeScopes, holds } from "./caller.js";

/** Why a request may not go on: its HTTP status, a documented code and words for the caller. */
export interface Refusal {
  readonly status: 401 | 403 | 503;
  readonly code: ErrorCode.UNAUTHENTICATED | ErrorCode.FORBIDDEN | ErrorCode.IDENTITY_PROVIDER_UNAVAILABLE;
  readonly message: string;
}

const SEND_CREDENTIALS = "send `Authorization: Bearer <API key or token>`";

/**
 * Who may read and who may write, the same for GraphQL and the other routes. Reads need read
 * scope unless anonymous reads are on; writes always need write scope.
 */
export class AccessPolicy {
  constructor(readonly anonymousReads: boolean) {}

  refuseRead(caller: Caller | undefined): Refusal | null {
    if (this.anonymousReads || holds(caller, "read")) return null;
    if (!caller)
      return {
        status: 401,
        code: ErrorCode.UNAUTHENTICATED,
        message: `This server needs credentials: ${SEND_CREDENTIALS}`,
      };
    return {
      status: 403,
      code: ErrorCode.FORBIDDEN,
      message: `The ${describeCaller(caller)} ${describeScopes(caller)}; reading needs read scope`,
    };
  }

  refuseWrite(caller: Caller | undefined): Refusal | null {
    if (holds(caller, "write")) return null;
    if (!caller)
      return {
        status: 401,
        code: ErrorCode.UNAUTHENTICATED,
        message: `Mutations need write scope: ${SEND_CREDENTIALS}`,
      };
    return {
      status: 403,
      code: ErrorCode.FORBIDDEN,
      message: `The ${describeCaller(caller)} ${describeScopes(caller)}; mutations need write scope`,
    };
  }
}
