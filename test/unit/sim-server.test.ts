import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SimRouter } from "../../src/simulator/router.js";
import { createSimServer, type SimServer } from "../../src/simulator/sim-server.js";

describe("a simulator's latency", () => {
  const handled: number[] = [];
  let sim: SimServer;
  beforeAll(async () => {
    const router = new SimRouter().get("/thing", () => {
      handled.push(performance.now());
      return { status: 200, body: { ok: true } };
    });
    sim = createSimServer({
      name: "upstream",
      router,
      errorBody: (status, message) => ({ status, body: { message } }),
    });
    await sim.start();
  });
  afterAll(() => sim.stop());

  it("answers latencyMs after the request arrived, with the vendor's work done inside that time", async () => {
    sim.faults.set({ latencyMs: 200 });
    const response = await fetch(`${sim.url}/thing`);
    expect(await response.json()).toEqual({ ok: true });
    const [entry] = sim.log.list();
    // The answer was ready long before it left: the delay is the vendor's response time, not added to it.
    expect(handled[0]! - entry!.receivedAt!).toBeLessThan(200);
    expect(entry!.answeredAt! - entry!.receivedAt!).toBeGreaterThanOrEqual(200);
  });
});
