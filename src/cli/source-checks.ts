import type { RollcallConfig } from "../config/config-schema.js";
import { Gateway } from "../gateway.js";
import { ErrorCode, isNotFound, SourceError } from "../model/errors.js";
import type { Connector } from "../vendors/connector.js";

/** What `rollcall check` found out about one source. Null: not known (see each field). */
export interface SourceCheck {
  readonly id: string;
  readonly kind: string;
  readonly vendor: string;
  /** It answered over HTTP (any status). False: no connection, or no answer within timeoutMs. */
  readonly reachable: boolean | null;
  /** It accepted Rollcall's credentials. Null when it was not reached or its answer does not say. */
  readonly authenticated: boolean | null;
  /** Rollcall's account holds the vendor's admin rights. Null when the vendor can't tell (or was not asked). */
  readonly admin: boolean | null;
  /** What `admin` rests on, or why it is unknown (the connector's words). */
  readonly adminBasis: string | null;
  /** From the request to the answer (or the failure), logins included. */
  readonly latencyMs: number;
  /** Why this source can't be used as configured; null when it can. */
  readonly problem: { readonly code: string; readonly message: string } | null;
}

/** A problem of `rollcall check`'s own, beside the sources' error codes. */
export const NO_ADMIN_RIGHTS = "NO_ADMIN_RIGHTS";

/**
 * One probe per configured source, all at once, each with the source's own timeout. Reads are not
 * retried here: a check reports what one call meets, not what a third attempt might.
 */
export async function checkSources(config: RollcallConfig): Promise<SourceCheck[]> {
  const gateway = Gateway.fromConfig({
    ...config,
    sources: config.sources.map((source) => ({ ...source, retries: 0 })),
  });
  try {
    // Vendor text is scrubbed where it enters (the sources' HTTP clients); the connectors' own
    // words (an admin-rights basis) are scrubbed here too, with every secret the sources hold.
    const checks = await Promise.all(gateway.connectors.map(checkSource));
    return checks.map((check) => ({
      ...check,
      adminBasis: check.adminBasis === null ? null : gateway.secrets.scrub(check.adminBasis),
      problem: check.problem && { ...check.problem, message: gateway.secrets.scrub(check.problem.message) },
    }));
  } finally {
    await gateway.close();
  }
}

async function checkSource(connector: Connector): Promise<SourceCheck> {
  const { id, kind, vendor } = connector.source;
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const { admin, adminBasis } = await connector.probe();
    return {
      id,
      kind,
      vendor,
      reachable: true,
      authenticated: true,
      admin,
      adminBasis,
      latencyMs: elapsed(),
      problem:
        admin === false
          ? {
              code: NO_ADMIN_RIGHTS,
              message: `Rollcall's account lacks ${vendor}'s admin rights for user management (${adminBasis})`,
            }
          : null,
    };
  } catch (error) {
    const latencyMs = elapsed();
    if (!(error instanceof SourceError))
      return {
        id,
        kind,
        vendor,
        reachable: null,
        authenticated: null,
        admin: null,
        adminBasis: null,
        latencyMs,
        // An unexpected error is a bug; its text is not a vendor's and may say anything.
        problem: {
          code: ErrorCode.INTERNAL_SERVER_ERROR,
          message: `the check failed unexpectedly (${errorName(error)})`,
        },
      };
    const reachable =
      error.httpStatus !== undefined ||
      (error.code !== ErrorCode.SOURCE_UNAVAILABLE && error.code !== ErrorCode.SOURCE_TIMEOUT);
    return {
      id,
      kind,
      vendor,
      reachable,
      authenticated: authenticatedBy(error, reachable),
      admin: null,
      adminBasis: null,
      latencyMs,
      problem: { code: error.code, message: withHint(error) },
    };
  }
}

/** Only 401 and 403 say anything about the credentials; any other failure leaves it open. */
function authenticatedBy(error: SourceError, reachable: boolean): boolean | null {
  if (!reachable) return null;
  if (error.code === ErrorCode.SOURCE_AUTH_FAILED) return false;
  if (error.code === ErrorCode.SOURCE_FORBIDDEN) return true;
  return null;
}

/** The probe calls a route every instance has: a 404 there means baseUrl is not the instance root. */
function withHint(error: SourceError): string {
  // A 404 on a route already says "check the source's configuration"; one on an object needs it said.
  if (isNotFound(error))
    return `${error.message} — the vendor has no such route here: is baseUrl the instance's root URL?`;
  return error.message;
}

const errorName = (error: unknown) => (error instanceof Error ? error.name : typeof error);
