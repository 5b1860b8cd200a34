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

  it("repeats the body alone when asked, as a validation error quoting what it refused", async () => {
    sim.faults.inject({ kind: "echo", echoes: "body", methods: ["POST"], times: 1 });
    const response = await fetch(`${sim.url}/login`, { method: "POST", body: "password=s3cret" });
    expect(await response.json()).toEqual({ error: "Request refused: password=s3cret" });
  });
});

describe("a simulator's lose-answer fault", () => {
  let sim: SimServer;
  const stored: string[] = [];
  beforeAll(async () => {
    const router = new SimRouter()
      .post("/things", (r) => {
        const name = (r.body as { name?: string }).name;
        if (!name) return { status: 400, body: { error: "name is required" } };
        stored.push(name);
        return { status: 201, body: { name } };
      })
      .get("/things", () => ({ status: 200, body: stored }));
    sim = createSimServer({
      name: "upstream",
      router,
      errorBody: (status, error) => ({ status, body: { error } }),
    });
    await sim.start();
  });
  afterAll(() => sim.stop());
  const post = (body: unknown) =>
    fetch(`${sim.url}/things`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });

  it("applies the write, then answers 502 in the vendor's error body instead of its answer", async () => {
    sim.faults.inject({ kind: "lose-answer", methods: ["POST"], times: 1 });
    const lost = await post({ name: "first" });
    expect(lost.status).toBe(502);
    expect(await lost.json()).toMatchObject({ error: expect.stringContaining("lost") });
    expect(stored).toEqual(["first"]);
    expect(sim.log.list().at(-1)).toMatchObject({ method: "POST", status: 502 });
    expect((await post({ name: "second" })).status).toBe(201);
  });

  it("leaves a refused write its refusal, and waits for one the vendor applies", async () => {
    sim.faults.inject({ kind: "lose-answer", methods: ["POST"], times: 1 });
    expect((await post({})).status).toBe(400);
    expect((await post({ name: "third" })).status).toBe(502);
    expect(stored).toContain("third");
  });

  it("drops the connection after applying the write, when asked", async () => {
    sim.faults.inject({ kind: "lose-answer", drop: true, match: "POST /things", times: 1 });
    await expect(post({ name: "fourth" })).rejects.toThrow();
    expect(stored).toContain("fourth");
    // Reads are not writes: a GET is answered as usual.
    expect((await fetch(`${sim.url}/things`)).status).toBe(200);
  });
});

describe("a simulator's refuse fault", () => {
  let sim: SimServer;
  let applied = 0;
  beforeAll(async () => {
    const router = new SimRouter().post("/users", () => {
      applied += 1;
      return { status: 201, body: {} };
    });
    sim = createSimServer({
      name: "upstream",
      router,
      errorBody: (status, error) => ({ status, body: { error } }),
      fieldRefusal: (property) => ({ status: 400, body: { error: `Field :${property} is not valid.` } }),
    });
    await sim.start();
  });
  afterAll(() => sim.stop());
  const post = (body: unknown) =>
    fetch(`${sim.url}/users`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });

  it("refuses the body property holding the value, in the vendor's words, applying nothing", async () => {
    sim.faults.inject({ kind: "refuse", value: "ada@example.com", times: 1 });
    const refused = await post({ name: "Ada", user: { Email: "ADA@example.com" } });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({ error: "Field :user.Email is not valid." });
    expect(applied).toBe(0);
  });

  it("passes a request that does not carry the value, keeping the fault for one that does", async () => {
    sim.faults.inject({ kind: "refuse", value: "grace@example.com", times: 1 });
    expect((await post({ email: "someone@example.com" })).status).toBe(201);
    expect((await post({ email: "grace@example.com" })).status).toBe(400);
    expect((await post({ email: "grace@example.com" })).status).toBe(201);
  });
});

describe("a simulator's API path", () => {
  let sim: SimServer;
  beforeAll(async () => {
    sim = createSimServer({
      name: "upstream",
      router: new SimRouter().get("/users", () => ({ status: 200, body: [] })),
      rootPath: "/tool",
      apiPath: "/api/v1",
      errorBody: (status, message) => ({ status, body: { message } }),
    });
    await sim.start();
  });
  afterAll(() => sim.stop());

  it("serves its routes below the root and the API path", async () => {
    expect((await fetch(`${sim.url}/api/v1/users`)).status).toBe(200);
  });

  it("answers 404 outside them, whatever route the path's tail spells, as the vendor's server does", async () => {
    const origin = new URL(sim.url).origin;
    for (const outside of [`${origin}/users`, `${sim.url}/users`, `${sim.url}/api/v1x/users`])
      expect((await fetch(outside)).status, outside).toBe(404);
  });
});
