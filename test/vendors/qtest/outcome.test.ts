/**
 * What a failed qTest write means: which failures leave the outcome unknown (settled by a read),
 * which refusals name an input field, and that a password a vendor echoes never gets further.
 */
import { describe, expect, it } from "vitest";
import { ErrorCode, InputError, SourceError } from "../../../src/model/errors.js";
import { toUser } from "../../../src/vendors/qtest/mapper.js";
import type { RawUser } from "../../../src/vendors/qtest/raw-types.js";
import { asInputError, outcomeUnknown, redact } from "../../../src/vendors/qtest/writes/outcome.js";

const vendorError = (code: ErrorCode, httpStatus?: number, vendorMessage?: string) =>
  new SourceError(`Source "q" (qTest) failed${vendorMessage ? `: ${vendorMessage}` : ""}`, {
    code,
    sourceId: "q",
    vendor: "qTest",
    httpStatus,
    vendorMessage,
  });

describe("qTest write outcomes", () => {
  it("calls a 5xx, a timeout or an unreadable answer unknown, and a refusal known", () => {
    expect(outcomeUnknown(vendorError(ErrorCode.SOURCE_UNAVAILABLE, 502))).toBe(true);
    expect(outcomeUnknown(vendorError(ErrorCode.SOURCE_TIMEOUT))).toBe(true);
    expect(outcomeUnknown(vendorError(ErrorCode.SOURCE_BAD_RESPONSE))).toBe(true);
    expect(outcomeUnknown(vendorError(ErrorCode.SOURCE_REJECTED, 400))).toBe(false);
    expect(outcomeUnknown(vendorError(ErrorCode.NOT_FOUND, 404))).toBe(false);
  });

  it("turns a 400/412 naming a qTest field into BAD_USER_INPUT on the input field, else keeps it", () => {
    const fields = { first_name: "input.firstName", profile: "input.role" };
    const named = asInputError(
      vendorError(ErrorCode.SOURCE_REJECTED, 412, "Missing required property: first_name"),
      fields,
    );
    expect(named).toBeInstanceOf(InputError);
    expect((named as InputError).field).toBe("input.firstName");

    const other = vendorError(ErrorCode.SOURCE_REJECTED, 400, "Something else");
    expect(asInputError(other, fields)).toBe(other);
    const down = vendorError(ErrorCode.SOURCE_UNAVAILABLE, 500, "profile service down");
    expect(asInputError(down, fields)).toBe(down);
  });

  it("blanks a password the vendor echoes in its message", () => {
    const echoed = redact(
      vendorError(ErrorCode.SOURCE_REJECTED, 400, "Password hunter2hunter2 is too weak"),
      "hunter2hunter2",
    );
    expect(JSON.stringify({ message: (echoed as Error).message, ...(echoed as object) })).not.toContain(
      "hunter2",
    );
    expect((echoed as SourceError).vendorMessage).toBe("Password [redacted] is too weak");
    expect((echoed as SourceError).httpStatus).toBe(400);
  });

  it("drops a password a user payload carries before it becomes the record's raw", () => {
    const user = toUser({ id: 5, username: "a@b.org", status: 1, password: "s3cret-pass" } as RawUser, "q");
    expect(JSON.stringify(user)).not.toContain("s3cret-pass");
    expect(user.login).toBe("a@b.org");
  });
});
