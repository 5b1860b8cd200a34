/** A person's global id and the people list's cursors read back what made them. */
import { describe, expect, it } from "vitest";
import { decodeKeyCursor, encodeKeyCursor } from "../../../src/loaders/cursor.js";
import { InputError } from "../../../src/model/errors.js";
import { fromGlobalId, personGlobalId, personKeyFromId } from "../../../src/schema/common/global-id.js";

describe("a person's global id", () => {
  it("round-trips an email key and an account key, and is never read as a source's id", () => {
    for (const key of ["dana.scully+x@example.com", "account:tracker-2:User:a%2Fb"]) {
      const id = personGlobalId(key);
      expect(personKeyFromId(id)).toBe(key);
      expect(fromGlobalId(id)).toBeNull();
    }
    expect(personGlobalId("d@example.com")).toBe("Person:d%40example.com");
  });

  it("reads no key from a source's id, a malformed escape or an empty key", () => {
    expect(personKeyFromId("a:User:1")).toBeNull();
    expect(personKeyFromId("Person:%E0%A4%A")).toBeNull();
    expect(personKeyFromId("Person:")).toBeNull();
    expect(personKeyFromId("Person:%ED%A0%80")).toBeNull();
  });
});

describe("a key cursor", () => {
  it("round-trips a key and refuses what it did not make, naming the argument", () => {
    expect(decodeKeyCursor(encodeKeyCursor("d@example.com"))).toBe("d@example.com");
    const refused = (() => {
      try {
        decodeKeyCursor(Buffer.from("a:3").toString("base64url"), "after");
      } catch (error) {
        return error;
      }
    })();
    expect(refused).toBeInstanceOf(InputError);
    expect((refused as InputError).field).toBe("after");
  });
});
