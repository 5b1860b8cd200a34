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

describe("a simulator's echo fault", () => {
  let sim: SimServer;
  beforeAll(async () => {
    sim = createSimServer({
      name: "upstream",
      router: new SimRouter().post("/login", () => ({ status: 200, body: {} }), { public: true }),
      errorBody: (status, message) => ({ status, body: { error: message } }),
    });
    await sim.start();
  });
  afterAll(() => sim.stop());

  it("answers with the vendor's error body quoting the request's credentials, query and body", async () => {
    sim.faults.inject({ kind: "echo", status: 401, methods: ["POST"], times: 1 });
    const basic = Buffer.from("admin:s3cret").toString("base64");
    const response = await fetch(`${sim.url}/login?site=a`, {
      method: "POST",
      headers: { authorization: `Basic ${basic}`, "content-type": "application/x-www-form-urlencoded" },
      body: "username=admin&password=s3cret",
    });
    expect(response.status).toBe(401);
    const { error } = (await response.json()) as { error: string };
    for (const quoted of [
      `Basic ${basic}`,
      "admin:s3cret",
      "query=site=a",
      "password=s3cret",
      'quoted="username=admin&password=s3cret"',
    ])
      expect(error).toContain(quoted);
    expect(sim.faults.echoed).toEqual([
      {
        method: "POST",
        path: "/login",
        headers: { authorization: `Basic ${basic}` },
        query: "site=a",
        body: "username=admin&password=s3cret",
      },
    ]);
    // Only the methods it names, and only as many times as asked: the next login goes through.
    expect((await fetch(`${sim.url}/login`, { method: "POST" })).status).toBe(200);
  });
});
