import { describe, expect, it } from "vitest";
import { SignedLinks } from "../../src/server/callers/signed-links.js";

const SPAN = 300;
const at = (seconds: number) => () => seconds * 1000;
const query = (link: string) => Object.fromEntries(new URL(link, "http://x").searchParams);

describe("signed links", () => {
  it("hands out one link per caller and resource within a span, valid for one to two spans", () => {
    const start = 1_000 * SPAN;
    const first = new SignedLinks("s".repeat(32), SPAN, at(start)).sign("/a/1", "a/1", "tag");
    const later = new SignedLinks("s".repeat(32), SPAN, at(start + SPAN - 1)).sign("/a/1", "a/1", "tag");
    const next = new SignedLinks("s".repeat(32), SPAN, at(start + SPAN)).sign("/a/1", "a/1", "tag");
    expect(later).toBe(first);
    expect(next).not.toBe(first);
    expect(Number(query(first).expires)).toBe(start + 2 * SPAN);
  });

  it("accepts a link until it expires, then says it expired", () => {
    const link = query(new SignedLinks("s".repeat(32), SPAN, at(0)).sign("/a/1", "a/1", "tag"));
    const checkAt = (seconds: number) =>
      new SignedLinks("s".repeat(32), SPAN, at(seconds)).check("a/1", link);
    expect(checkAt(2 * SPAN - 1)).toEqual({ ok: true, callerTag: "tag" });
    expect(checkAt(2 * SPAN)).toEqual({
      ok: false,
      message: "This link has expired: ask Rollcall for a new one",
    });
  });

  it("refuses a link signed with another secret, for another resource, or with a changed part", () => {
    const links = new SignedLinks("s".repeat(32), SPAN, at(0));
    const link = query(links.sign("/a/1", "a/1", "tag"));
    const invalid = { ok: false, message: "This link is not valid: ask Rollcall for a new one" };
    expect(new SignedLinks("t".repeat(32), SPAN, at(0)).check("a/1", link)).toEqual(invalid);
    expect(links.check("a/2", link)).toEqual(invalid);
    expect(links.check("a/1", { ...link, caller: "other" })).toEqual(invalid);
    expect(links.check("a/1", { ...link, caller: "tag\nx" })).toEqual(invalid);
    expect(links.check("a/1", { ...link, expires: "1e9" })).toEqual(invalid);
    expect(links.check("a/1", { expires: link.expires })).toEqual(invalid);
    expect(links.check("a/1", {})).toBeNull();
  });

  it("makes its own random secret when none is configured, so links die with the process", () => {
    const one = new SignedLinks(undefined, SPAN, at(0));
    const link = query(one.sign("/a/1", "a/1", "tag"));
    expect(one.check("a/1", link)).toMatchObject({ ok: true });
    expect(new SignedLinks(undefined, SPAN, at(0)).check("a/1", link)).toMatchObject({ ok: false });
  });
});
