import { describe, expect, it } from "vitest";
import { chainOf, levels } from "../../bench/lib/replay.js";

const call = (url: string, sentAt: number, answeredAt?: number) => ({
  method: "GET",
  url,
  headers: {},
  sentAt,
  answeredAt,
});

describe("the bench's replay of recorded calls", () => {
  it("puts a call after the calls of its own source that were answered before it was sent", () => {
    const replay = levels([
      call("http://a/users", 0, 20),
      call("http://a/projects", 1, 21),
      call("http://b/users", 1, 30), // another source: never waited for by a's calls
      call("http://a/users/1/groups", 22, 42),
      call("http://a/users/1/groups/x", 43, 60),
      call("http://b/users/1", 31, 50),
    ]);
    expect(replay.map((c) => `${c.url} ${c.level}`)).toEqual([
      "http://a/users 1",
      "http://a/projects 1",
      "http://b/users 1",
      "http://a/users/1/groups 2",
      "http://a/users/1/groups/x 3",
      "http://b/users/1 2",
    ]);
  });

  it("leaves out calls that never got an answer", () => {
    expect(levels([call("http://a/users", 0, 20), call("http://a/hang", 1)])).toHaveLength(1);
  });

  it("takes the critical path in round trips as the longest chain within any one source", () => {
    const calls = [
      call("http://a/users", 0, 20),
      call("http://a/users/1", 21, 40), // waited on a's list
      call("http://a/users/1/roles", 41, 60), // and on that user: a's chain is 3
      call("http://b/users", 0, 20),
      call("http://b/projects", 25, 45), // sent after b's list was in: b's chain is 2
    ];
    expect(chainOf(calls)).toBe(3);
    // Another source's answers are never waited on: a call sent after them starts no chain.
    expect(chainOf([call("http://a/users", 0, 20), call("http://b/users", 30, 50)])).toBe(1);
  });

  it("counts no round trip when no call was answered", () => {
    expect(chainOf([])).toBe(0);
    expect(chainOf([call("http://a/hang", 0)])).toBe(0);
  });
});
