import { parse } from "graphql";
import { describe, expect, it } from "vitest";
import { documentCache, RETAINED_PER_JSON_BYTE } from "../../src/server/document-cache.js";

describe("the document cache", () => {
  it("counts what a document holds in memory, not its JSON, and lets the least recent go past its budget", async () => {
    const a = parse("{ sources { id name } }");
    const b = parse("{ users { nodes { id } } }");
    const bytes = (d: unknown) => Buffer.byteLength(JSON.stringify(d)) * RETAINED_PER_JSON_BYTE;
    const cache = documentCache(bytes(a) + bytes(b) - 1);
    await cache.set("a", a);
    expect(await cache.get("a")).toBe(a);
    await cache.set("b", b);
    expect(await cache.get("a")).toBeUndefined();
    expect(await cache.get("b")).toBe(b);
  });
});
