import { describe, expect, it } from "vitest";
import { SourceSession } from "../../src/loaders/source-session.js";
import { Capability } from "../../src/model/capabilities.js";
import { NotFoundError } from "../../src/model/errors.js";
import type { UserRecord } from "../../src/model/records.js";
import type { Connector } from "../../src/vendors/connector.js";

/** A connector that records its batches (the loader layer is what's under test here). */
function countingConnector(known: string[]) {
  const batches: string[][] = [];
  const user = (id: string): UserRecord => ({
    kind: "User",
    sourceId: "fake",
    remoteId: id,
    login: id,
    email: null,
    displayName: id,
    firstName: null,
    lastName: null,
    active: true,
    admin: false,
    lastLoginAt: null,
    createdAt: null,
    updatedAt: null,
    raw: {},
  });
  const connector: Connector = {
    source: { id: "fake", kind: "fake", name: "Fake", vendor: "Fake", baseUrl: "http://fake" },
    capabilities: new Set([Capability.USERS]),
    users: {
      getMany: async (ids) => {
        batches.push([...ids]);
        return ids.map((id) =>
          known.includes(id) ? user(id) : new NotFoundError("fake", "Fake", "User", id),
        );
      },
      list: async () => ({ items: [], total: 0, hasMore: false, exact: true }),
    },
    probe: async () => ({ admin: null, adminBasis: "a fake" }),
    close: async () => {},
  };
  return { connector, batches, user };
}

describe("per-request loaders", () => {
  it("batches user loads per source into one call, deduplicated", async () => {
    const { connector, batches } = countingConnector(["1", "2", "3"]);
    const session = new SourceSession(connector);
    const results = await Promise.all(["1", "2", "1", "3"].map((id) => session.users.load(id)));
    expect(results.map((u) => u.remoteId)).toEqual(["1", "2", "1", "3"]);
    expect(batches).toEqual([["1", "2", "3"]]);
  });

  it("turns a miss into that key's error without failing the others", async () => {
    const { connector } = countingConnector(["1"]);
    const results = await new SourceSession(connector).loadUsers(["1", "nope"]);
    expect((results[0] as UserRecord).remoteId).toBe("1");
    expect(results[1]).toBeInstanceOf(NotFoundError);
  });

  it("serves primed records without a call, and forgets everything on clear()", async () => {
    const { connector, batches, user } = countingConnector(["1"]);
    const session = new SourceSession(connector);
    session.prime([user("1")]);
    await session.users.load("1");
    expect(batches).toEqual([]);
    session.clear();
    await session.users.load("1");
    expect(batches).toEqual([["1"]]);
  });

  it("fails loudly when a connector breaks the DataLoader contract", async () => {
    const { connector } = countingConnector([]);
    const broken: Connector = { ...connector, users: { ...connector.users, getMany: async () => [] } };
    await expect(new SourceSession(broken).users.load("1")).rejects.toThrow(/answered 0 users for 1 keys/);
  });

  it("runs a once() key a single time per request, and again after a failure", async () => {
    const session = new SourceSession(countingConnector([]).connector);
    let runs = 0;
    const load = async () => {
      runs += 1;
      if (runs === 1) throw new Error("first fails");
      return runs;
    };
    await expect(session.once("k", load)).rejects.toThrow();
    expect(await session.once("k", load)).toBe(2);
    expect(await session.once("k", load)).toBe(2);
    expect(runs).toBe(2);
  });

  it("answers a loaded key synchronously, so resolvers can return plain values", async () => {
    const { connector } = countingConnector(["1"]);
    const session = new SourceSession(connector);
    expect(session.users.peek("1")).toBeUndefined();
    await session.users.load("1");
    expect(session.users.peek("1")?.remoteId).toBe("1");
  });

  it("never answers a failed key synchronously (the error is for the resolver to report)", async () => {
    const { connector } = countingConnector([]);
    const session = new SourceSession(connector);
    await session.loadUsers(["nope"]);
    expect(session.users.peek("nope")).toBeUndefined();
  });

  it("answers a primed record synchronously and forgets everything after a write clears the session", () => {
    const { connector, user } = countingConnector([]);
    const session = new SourceSession(connector);
    session.prime([user("7")]);
    expect(session.users.peek("7")?.remoteId).toBe("7");
    session.clear();
    expect(session.users.peek("7")).toBeUndefined();
  });

  it("keeps nothing in the naive (unbatched) mode the benchmarks compare against", async () => {
    const { connector, user } = countingConnector(["1"]);
    const session = new SourceSession(connector, { batching: false });
    await session.users.load("1");
    session.prime([user("2")]);
    expect(session.users.peek("1")).toBeUndefined();
    expect(session.users.peek("2")).toBeUndefined();
  });

  it("leaves no once() failure unhandled in either mode, when a connector starts a read it never awaits", async () => {
    // A connector starts a read alongside others and awaits it only if they succeed (the project
    // list beside a batch of users that all turn out missing). An unhandled rejection ends the
    // process: the naive gateway of the benchmarks died of it whenever a client went away.
    const unhandled: unknown[] = [];
    const record = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", record);
    try {
      for (const batching of [true, false]) {
        const session = new SourceSession(countingConnector([]).connector, { batching });
        void session.once("projects", () =>
          Promise.reject(new Error(`never awaited (batching: ${batching})`)),
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    } finally {
      process.off("unhandledRejection", record);
    }
    expect(unhandled).toEqual([]);
  });
});
