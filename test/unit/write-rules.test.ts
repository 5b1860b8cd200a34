/**
 * The shared write rules every vendor's writers use: what a failure says about what the vendor
 * did, sending once and settling by a read, and refusals that name the caller's input field.
 */
import { describe, expect, it } from "vitest";
import { ErrorCode, InputError, SourceError } from "../../src/model/errors.js";
import {
  asInputError,
  byPattern,
  classifyWriteFailure,
  createOnce,
  readBack,
  sendOnceThenSettle,
} from "../../src/vendors/write-rules/index.js";

const vendorError = (code: ErrorCode, httpStatus?: number, vendorMessage?: string) =>
  new SourceError(`Source "s" (Vendor) failed${vendorMessage ? `: ${vendorMessage}` : ""}`, {
    code,
    sourceId: "s",
    vendor: "Vendor",
    httpStatus,
    vendorMessage,
  });

describe("classifying a failed write", () => {
  it("calls no readable answer (5xx, timeout, dropped, unreadable) unknown, a 4xx refusal refused, the rest failed", () => {
    expect(classifyWriteFailure(vendorError(ErrorCode.SOURCE_UNAVAILABLE, 502))).toBe("unknown");
    expect(classifyWriteFailure(vendorError(ErrorCode.SOURCE_UNAVAILABLE))).toBe("unknown");
    expect(classifyWriteFailure(vendorError(ErrorCode.SOURCE_TIMEOUT))).toBe("unknown");
    expect(classifyWriteFailure(vendorError(ErrorCode.SOURCE_BAD_RESPONSE, 200))).toBe("unknown");
    expect(classifyWriteFailure(vendorError(ErrorCode.SOURCE_REJECTED, 400))).toBe("refused");
    expect(classifyWriteFailure(vendorError(ErrorCode.SOURCE_REJECTED, 412))).toBe("refused");
    for (const code of [ErrorCode.NOT_FOUND, ErrorCode.SOURCE_AUTH_FAILED, ErrorCode.SOURCE_RATE_LIMITED])
      expect(classifyWriteFailure(vendorError(code))).toBe("failed");
    expect(classifyWriteFailure(new InputError("bad", "input.email"))).toBe("failed");
  });
});

describe("sending a write once, then settling it", () => {
  it("answers what the settling read finds after an unknown outcome, never sending again", async () => {
    let sent = 0;
    const answer = await sendOnceThenSettle(
      async () => {
        sent += 1;
        throw vendorError(ErrorCode.SOURCE_UNAVAILABLE, 502);
      },
      async () => "as it now stands",
    );
    expect(answer).toBe("as it now stands");
    expect(sent).toBe(1);
  });

  it("keeps the write's own failure when the read finds nothing, fails, or the vendor refused", async () => {
    const lost = vendorError(ErrorCode.SOURCE_TIMEOUT);
    await expect(
      sendOnceThenSettle(
        () => Promise.reject(lost),
        async () => null,
      ),
    ).rejects.toBe(lost);
    await expect(
      sendOnceThenSettle(
        () => Promise.reject(lost),
        () => Promise.reject(new Error("read failed too")),
      ),
    ).rejects.toBe(lost);
    const refused = vendorError(ErrorCode.SOURCE_REJECTED, 400);
    let read = false;
    await expect(
      sendOnceThenSettle(
        () => Promise.reject(refused),
        async () => {
          read = true;
          return "x";
        },
      ),
    ).rejects.toBe(refused);
    expect(read).toBe(false);
  });
});

describe("creating once", () => {
  const exists = vendorError(ErrorCode.SOURCE_REJECTED, 409, "already used");
  const raced = (error: unknown) => error === exists;

  it("answers CREATED with what the vendor made, or with what the lookup finds after a lost answer", async () => {
    expect(await createOnce({ send: async () => "made", find: async () => null })).toEqual({
      status: "CREATED",
      created: "made",
    });
    let sent = 0;
    const lost = await createOnce({
      send: async () => {
        sent += 1;
        throw vendorError(ErrorCode.SOURCE_UNAVAILABLE, 502);
      },
      find: async () => "found",
    });
    expect(lost).toEqual({ status: "CREATED", created: "found" });
    expect(sent).toBe(1);
  });

  it("answers ALREADY_EXISTS when the vendor refused because another create got there first", async () => {
    const found = await createOnce({ send: () => Promise.reject(exists), find: async () => "theirs", raced });
    expect(found).toEqual({ status: "ALREADY_EXISTS", created: "theirs" });
  });

  it("keeps the create's own failure when nothing is found, or when the refusal was no race", async () => {
    await expect(
      createOnce({ send: () => Promise.reject(exists), find: async () => null, raced }),
    ).rejects.toBe(exists);
    const other = vendorError(ErrorCode.SOURCE_REJECTED, 400, "bad");
    let looked = false;
    await expect(
      createOnce({
        send: () => Promise.reject(other),
        find: async () => {
          looked = true;
          return "x";
        },
        raced,
      }),
    ).rejects.toBe(other);
    expect(looked).toBe(false);
  });

  it("settles by a read back only when the object shows the write", async () => {
    expect(
      await readBack(
        async () => ({ name: "new" }),
        (now) => now.name === "new",
      )(),
    ).toEqual({ name: "new" });
    expect(
      await readBack(
        async () => ({ name: "old" }),
        (now) => now.name === "new",
      )(),
    ).toBeNull();
  });
});

describe("a vendor's refusal of a field", () => {
  const fields = { first_name: "input.firstName", email: "input.email", profile: "input.role" };
  const word = byPattern((wire) => `\\b${wire}\\b`);

  it("becomes BAD_USER_INPUT on the input field its words name first", () => {
    const named = asInputError(
      vendorError(ErrorCode.SOURCE_REJECTED, 412, "Missing required property: email (and first_name)"),
      fields,
      word,
    );
    expect(named).toBeInstanceOf(InputError);
    expect((named as InputError).field).toBe("input.email");
    expect((named as InputError).message).toContain("Missing required property");
  });

  it("stays the vendor's error when its words name no known field, or when it was no refusal", () => {
    const other = vendorError(ErrorCode.SOURCE_REJECTED, 400, "Something else");
    expect(asInputError(other, fields, word)).toBe(other);
    const down = vendorError(ErrorCode.SOURCE_UNAVAILABLE, 500, "profile service down");
    expect(asInputError(down, fields, word)).toBe(down);
  });

  it("reads each vendor's way of naming a field", () => {
    const fieldColon = byPattern((wire) => `Field :${wire}\\b`);
    const refused = vendorError(ErrorCode.SOURCE_REJECTED, 400, "Field :email is not a valid email address.");
    expect((asInputError(refused, fields, fieldColon) as InputError).field).toBe("input.email");
    const modelState = byPattern((wire) => `(?:^|[\\s(.;])${wire}:`);
    const aspNet = vendorError(
      ErrorCode.SOURCE_REJECTED,
      400,
      "The request is invalid. (UserData.email: bad)",
    );
    expect((asInputError(aspNet, fields, modelState) as InputError).field).toBe("input.email");
  });
});
