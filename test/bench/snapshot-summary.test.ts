import { describe, expect, it } from "vitest";
import { chainOfLog, growth, type SourceFigures, summarize } from "../../bench/scenarios/snapshot.js";

const source = (name: string, calls: number, floor: number, chain: number): SourceFigures => ({
  source: name,
  accounts: 1000,
  stored: 1000,
  floor,
  calls,
  chain,
});

describe("the bench's snapshot figures", () => {
  it("counts a call after every call answered before it arrived, sign-ins left out", () => {
    const chain = chainOfLog([
      { public: true, receivedAt: 0, answeredAt: 5 }, // a sign-in: not counted
      { receivedAt: 10, answeredAt: 30 }, // 1: the list
      { receivedAt: 11, answeredAt: 31 }, // 1: beside it
      { receivedAt: 32, answeredAt: 52 }, // 2: after both
      { receivedAt: 33, answeredAt: 53 }, // 2
      { receivedAt: 40, answeredAt: 60 }, // 2: only the first two were in when it arrived
      { receivedAt: 61, answeredAt: 81 }, // 3
    ]);
    expect(chain).toBe(3);
  });

  it("reads a call arriving as another is answered as after it, and an unanswered one as no round trip", () => {
    expect(
      chainOfLog([
        { receivedAt: 0, answeredAt: 20 },
        { receivedAt: 20, answeredAt: 40 },
      ]),
    ).toBe(2);
    expect(chainOfLog([{ receivedAt: 0 }, { public: true, receivedAt: 1, answeredAt: 2 }])).toBe(0);
  });

  it("sets the wall time against the slowest source's chain times the delay, and sums calls and rows", () => {
    const figures = summarize({
      delayMs: 20,
      wallMs: 3000,
      sources: [source("a", 10, 10, 5), source("b", 1006, 1006, 100), source("c", 26, 26, 18)],
      rows: {
        snapshot_accounts: 3000,
        snapshot_grants: 5000,
        snapshot_memberships: 700,
        snapshot_containers: 46,
      },
    });
    expect(figures).toMatchObject({
      calls: 1042,
      floor: 1042,
      atFloor: true,
      slowest: "b",
      chain: 100,
      criticalPathMs: 2000,
      aboveMs: 1000,
      rows: 8746,
    });
    expect(figures.ratio).toBeCloseTo(1.5);
  });

  it("says when one source made more calls than its floor", () => {
    const figures = summarize({
      delayMs: 20,
      wallMs: 100,
      sources: [source("a", 10, 10, 1), source("b", 12, 11, 2)],
      rows: {},
    });
    expect(figures.atFloor).toBe(false);
    expect(figures.calls - figures.floor).toBe(1);
  });

  it("reads growth as the larger run's figure over the smaller's", () => {
    expect(growth(100, 100)).toBe(1);
    expect(growth(50, 125)).toBe(2.5);
  });
});
