import { InputError } from "../model/errors.js";

/** An audit event's cursor: opaque to clients (base64url), the event's id inside. */
export function encodeAuditCursor(eventId: string): string {
  return Buffer.from(`audit:${eventId}`, "utf8").toString("base64url");
}

export function decodeAuditCursor(cursor: string, argument = "after"): string {
  const match = /^audit:(\d{1,18})$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  if (!match) throw new InputError(`"${cursor}" is not a cursor of the audit trail`, argument);
  return match[1] as string;
}
