import { describe, expect, it } from "vitest";
import { span, summarize } from "../../bench/scenarios/offboarding.js";

describe("the bench's offboarding figures", () => {
  it("sets each run against its own critical path: its chain of round trips times the delay", () => {
    const figures = summarize({
      delayMs: 20,
      samples: [
        { ms: 50, calls: 4, chain: 2 }, // 40 ms critical path: 10 above, 1.25×
        { ms: 130, calls: 9, chain: 5 }, // 100 ms: 30 above, 1.30×
        { ms: 70, calls: 6, chain: 3 }, // 60 ms: 10 above, 1.17×
      ],
    });
    expect(figures).toMatchObject({ criticalPathMs: 60, p50: 70, p95: 130, aboveP50: 10, aboveP95: 30 });
    expect(figures.ratio).toBeCloseTo(1.25);
  });

  it("shows one value when every run agrees, else the range", () => {
    expect(span([3, 3, 3])).toBe("3");
    expect(span([20, 33, 25])).toBe("20–33");
  });
});
