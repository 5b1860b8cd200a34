import { describe, expect, it } from "vitest";
import { type CrossSourceQuery, listAcrossSources } from "../../src/loaders/list-across-sources.js";
import type { RequestContext } from "../../src/loaders/request-context.js";
import type { SourceSession } from "../../src/loaders/source-session.js";
import type { EntityReader } from "../../src/vendors/connector.js";

/** Two sources of plain string items; only what listAcrossSources reads of a session is faked. */
const sessions = ["fast", "slow"].map((sourceId) => ({ sourceId }) as SourceSession);
const items: Record<string, string[]> = { fast: ["a", "b"], slow: ["c"] };
const reader = (session: SourceSession): EntityReader<string, null> => ({
  getMany: async () => [],
  list: async () => ({ items: items[session.sourceId] ?? [], total: 1, hasMore: false, exact: true }),
});

function deferred() {
  let resolve = () => {};
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

function query(overrides: Partial<CrossSourceQuery<string, null>>): CrossSourceQuery<string, null> {
  return {
    sessions,
    reader,
    filter: null,
    matches: () => true,
    first: 10,
    after: null,
    context: { reportSourceError: () => {} } as unknown as RequestContext,
    path: ["users"],
    ...overrides,
  };
}

describe("a page listed across sources", () => {
  it("answers without waiting for a slow source's relations, and holds back only that source's items", async () => {
    const slowRelations = deferred();
    const included: string[] = [];
    const page = await listAcrossSources(
      query({
        onIncluded: (session, list) => {
          included.push(`${session.sourceId}:${list.join(",")}`);
          return session.sourceId === "slow" ? slowRelations.promise : Promise.resolve();
        },
      }),
    );
    expect(included).toEqual(["fast:a,b", "slow:c"]);

    await new Promise((r) => setImmediate(r)); // the fast source's relations have settled
    const [a, b, c] = page.edges.map((edge) => page.settledNode(edge));
    expect([a, b]).toEqual(["a", "b"]);
    expect(c).toBeInstanceOf(Promise);

    let answered = false;
    void (c as Promise<string>).then(() => {
      answered = true;
    });
    await new Promise((r) => setImmediate(r));
    expect(answered).toBe(false);
    slowRelations.resolve();
    await expect(c).resolves.toBe("c");
    expect(page.settledNode(page.edges[2]!)).toBe("c");
  });

  it("answers a source's items even when loading its relations failed (the fields report it)", async () => {
    const page = await listAcrossSources(
      query({
        perSource: true,
        onIncluded: (session) =>
          session.sourceId === "slow" ? Promise.reject(new Error("down")) : undefined,
      }),
    );
    await expect(Promise.all(page.edges.map((edge) => page.settledNode(edge)))).resolves.toEqual([
      "a",
      "b",
      "c",
    ]);
  });
});
