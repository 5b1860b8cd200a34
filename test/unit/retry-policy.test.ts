import { describe, expect, it } from "vitest";
import { retryDelayMs } from "../../src/vendors/http/retry-policy.js";

const policy = { retries: 2, baseDelayMs: 100, maxRetryAfterMs: 5_000 };

describe("the retry policy", () => {
  it("retries reads on 429 and 5xx with a doubling delay", () => {
    const first = retryDelayMs(policy, "GET", 1, { status: 503 });
    const second = retryDelayMs(policy, "GET", 2, { status: 500 });
    expect(first).toBeGreaterThanOrEqual(100);
    expect(first).toBeLessThan(150);
    expect(second).toBeGreaterThanOrEqual(200);
    expect(second).toBeLessThan(250);
  });

  it("stops after the configured number of retries", () => {
    expect(retryDelayMs(policy, "GET", 3, { status: 503 })).toBeNull();
  });

  it("never retries a write", () => {
    for (const method of ["POST", "PUT", "PATCH", "DELETE"])
      expect(retryDelayMs(policy, method, 1, { status: 503 })).toBeNull();
  });

  it("waits what Retry-After asks, and reports the failure when that is longer than the cap", () => {
    expect(retryDelayMs(policy, "GET", 1, { status: 429, retryAfterSeconds: 2 })).toBe(2_000);
    expect(retryDelayMs(policy, "GET", 1, { status: 429, retryAfterSeconds: 60 })).toBeNull();
  });

  it("does not retry answers that will not change (4xx other than 429)", () => {
    for (const status of [400, 401, 403, 404, 409, 422])
      expect(retryDelayMs(policy, "GET", 1, { status })).toBeNull();
  });

  it("retries a reset connection but reports a refused one or a timeout at once", () => {
    expect(retryDelayMs(policy, "GET", 1, { networkCode: "ECONNRESET" })).not.toBeNull();
    expect(retryDelayMs(policy, "GET", 1, { networkCode: "ECONNREFUSED" })).toBeNull();
    expect(retryDelayMs(policy, "GET", 1, { networkCode: "ETIMEDOUT" })).toBeNull();
    expect(retryDelayMs(policy, "GET", 1, { networkCode: undefined })).toBeNull();
  });
});
