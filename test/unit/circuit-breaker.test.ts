import { describe, expect, it } from "vitest";
import { ErrorCode, OperationCancelledError, SourceError } from "../../src/model/errors.js";
import { type CircuitChange, createCircuitBreaker } from "../../src/vendors/http/circuit-breaker.js";

const failure = (code: ErrorCode, httpStatus?: number) => () =>
  Promise.reject(new SourceError(`failed: ${code}`, { code, httpStatus, sourceId: "s", vendor: "V" }));
const answer = () => Promise.resolve("answer");

function breaker(failureThreshold = 3, cooldownMs = 10_000) {
  const clock = { now: 0 };
  const changes: CircuitChange[] = [];
  const cb = createCircuitBreaker({
    sourceId: "s",
    vendor: "V",
    failureThreshold,
    cooldownMs,
    now: () => clock.now,
    onChange: (c) => changes.push(c),
  });
  let sent = 0;
  const run = (exchange: () => Promise<unknown>) =>
    cb.run(() => {
      sent += 1;
      return exchange();
    });
  return { cb, clock, changes, run, sent: () => sent };
}

describe("a source's circuit breaker", () => {
  it("takes a call its operation cancelled as nothing: neither a failure nor an answer", async () => {
    const b = breaker(2);
    const cancelled = () => Promise.reject(new OperationCancelledError("deadline"));
    await expect(b.run(failure(ErrorCode.SOURCE_TIMEOUT))).rejects.toThrow();
    await expect(b.run(cancelled)).rejects.toBeInstanceOf(OperationCancelledError);
    await expect(b.run(cancelled)).rejects.toBeInstanceOf(OperationCancelledError);
    expect(b.cb.isOpen).toBe(false);
    await expect(b.run(failure(ErrorCode.SOURCE_TIMEOUT))).rejects.toThrow();
    expect(b.cb.isOpen).toBe(true);
  });

  it("opens after failureThreshold outages in a row, then refuses without sending", async () => {
    const b = breaker(3);
    for (let i = 0; i < 3; i++) await expect(b.run(failure(ErrorCode.SOURCE_TIMEOUT))).rejects.toThrow();
    expect(b.cb.isOpen).toBe(true);
    expect(b.changes).toEqual([
      { sourceId: "s", open: true, failures: 3, lastCode: ErrorCode.SOURCE_TIMEOUT, retryInMs: 10_000 },
    ]);
    b.clock.now = 2_500;
    const refused = await b.run(answer).catch((e: unknown) => e as SourceError);
    expect(b.sent()).toBe(3);
    expect(refused).toMatchObject({ code: ErrorCode.SOURCE_UNAVAILABLE, retryable: true, retryAfter: 8 });
    expect((refused as SourceError).message).toBe(
      'Source "s" (V) is not being asked after 3 requests in a row that timed out; Rollcall tries it again in 8 s',
    );
  });

  it("counts only failures in a row: an answer resets the count", async () => {
    const b = breaker(3);
    await expect(b.run(failure(ErrorCode.SOURCE_UNAVAILABLE))).rejects.toThrow();
    await expect(b.run(failure(ErrorCode.SOURCE_UNAVAILABLE))).rejects.toThrow();
    await b.run(answer);
    await expect(b.run(failure(ErrorCode.SOURCE_UNAVAILABLE))).rejects.toThrow();
    await expect(b.run(failure(ErrorCode.SOURCE_UNAVAILABLE))).rejects.toThrow();
    expect(b.cb.isOpen).toBe(false);
  });

  it("takes a vendor's refusal, rate limit or unreadable body as a sign it is up", async () => {
    const b = breaker(2);
    for (const code of [
      ErrorCode.SOURCE_UNAVAILABLE,
      ErrorCode.SOURCE_AUTH_FAILED,
      ErrorCode.SOURCE_UNAVAILABLE,
      ErrorCode.SOURCE_RATE_LIMITED,
      ErrorCode.SOURCE_UNAVAILABLE,
      ErrorCode.SOURCE_BAD_RESPONSE,
      ErrorCode.SOURCE_UNAVAILABLE,
      ErrorCode.NOT_FOUND,
    ])
      await expect(b.run(failure(code))).rejects.toThrow();
    expect(b.cb.isOpen).toBe(false);
  });

  it("counts 502/503/504 as the vendor being down, and a 500 as an answer", async () => {
    const b = breaker(3);
    for (const status of [502, 503, 500, 504, 503])
      await expect(b.run(failure(ErrorCode.SOURCE_UNAVAILABLE, status))).rejects.toThrow();
    expect(b.cb.isOpen).toBe(false);
    await expect(b.run(failure(ErrorCode.SOURCE_UNAVAILABLE, 502))).rejects.toThrow();
    expect(b.cb.isOpen).toBe(true);
  });

  it("after the cooldown lets one probe through, refusing the rest until it answers", async () => {
    const b = breaker(1, 1_000);
    await expect(b.run(failure(ErrorCode.SOURCE_TIMEOUT))).rejects.toThrow();
    b.clock.now = 1_000;
    let release!: (v: string) => void;
    const probe = b.run(() => new Promise<string>((r) => (release = r)));
    await expect(b.run(answer)).rejects.toMatchObject({ code: ErrorCode.SOURCE_UNAVAILABLE });
    expect(b.sent()).toBe(2);
    release("answer");
    await expect(probe).resolves.toBe("answer");
    expect(b.cb.isOpen).toBe(false);
    await expect(b.run(answer)).resolves.toBe("answer");
    expect(b.changes.map((c) => c.open)).toEqual([true, false]);
  });

  it("opens again for a whole cooldown when the probe fails", async () => {
    const b = breaker(1, 1_000);
    await expect(b.run(failure(ErrorCode.SOURCE_TIMEOUT))).rejects.toThrow();
    b.clock.now = 1_500;
    await expect(b.run(failure(ErrorCode.SOURCE_TIMEOUT))).rejects.toThrow("failed");
    b.clock.now = 2_400;
    await expect(b.run(answer)).rejects.toMatchObject({ retryAfter: 1 });
    expect(b.sent()).toBe(2);
    b.clock.now = 2_500;
    await expect(b.run(answer)).resolves.toBe("answer");
    expect(b.changes.map((c) => c.open)).toEqual([true, true, false]);
  });

  it("does not extend the cooldown for requests that were already in flight when it opened", async () => {
    const b = breaker(2, 1_000);
    const inFlight = Array.from({ length: 5 }, () => b.run(failure(ErrorCode.SOURCE_TIMEOUT)));
    await Promise.allSettled(inFlight);
    expect(b.changes).toHaveLength(1);
    b.clock.now = 1_000;
    await expect(b.run(answer)).resolves.toBe("answer");
  });

  it("never opens with a threshold of 0", async () => {
    const b = breaker(0);
    for (let i = 0; i < 10; i++) await expect(b.run(failure(ErrorCode.SOURCE_TIMEOUT))).rejects.toThrow();
    expect(b.cb.isOpen).toBe(false);
    expect(b.sent()).toBe(10);
  });
});
