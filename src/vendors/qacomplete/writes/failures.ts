import { ErrorCode, InputError, SourceError } from "../../../model/errors.js";

const UNKNOWN_OUTCOME: readonly ErrorCode[] = [
  ErrorCode.SOURCE_UNAVAILABLE,
  ErrorCode.SOURCE_TIMEOUT,
  ErrorCode.SOURCE_BAD_RESPONSE,
];

/**
 * A write whose answer never came back readable (a 5xx, a timeout, a dropped connection, a 2xx
 * Rollcall couldn't parse): it may or may not have happened. The writers settle it by reading;
 * sending it again could do it twice.
 */
export function isUnknownOutcome(error: unknown): boolean {
  return error instanceof SourceError && UNKNOWN_OUTCOME.includes(error.code);
}

/**
 * The vendor's 400 for a property of our request (describeQacError writes them as
 * `Property: message`) as the caller's input field that property came from; anything else is
 * returned as it was.
 */
export function asInputError(error: unknown, fields: Readonly<Record<string, string>>): unknown {
  if (!(error instanceof SourceError) || error.httpStatus !== 400 || !error.vendorMessage) return error;
  const message = error.vendorMessage;
  let first: { at: number; field: string } | null = null;
  for (const [property, field] of Object.entries(fields)) {
    const at = message.indexOf(`${property}:`);
    if (at >= 0 && (first === null || at < first.at)) first = { at, field };
  }
  if (!first) return error;
  return new InputError(
    `Source "${error.sourceId}" (${error.vendor}) refused \`${first.field}\`: ${message}`,
    first.field,
  );
}

/** RequestUserPost / RequestUserPatch properties -> the unified input fields they come from. */
export const USER_FIELDS: Readonly<Record<string, string>> = {
  FirstName: "input.firstName",
  LastName: "input.lastName",
  Email: "input.email",
  IsSecurityAdmin: "input.globalRole",
};

/** RequestUserSecurityGroupPut properties -> the unified input fields. */
export const GROUP_FIELDS: Readonly<Record<string, string>> = {
  GroupName: "input.role",
  ProjId: "input.project",
};
