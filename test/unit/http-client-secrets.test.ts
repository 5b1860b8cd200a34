import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SourceError } from "../../src/model/errors.js";
import { SimRouter } from "../../src/simulator/router.js";
import { createSimServer, type SimServer } from "../../src/simulator/sim-server.js";
import { apiPath } from "../../src/vendors/http/api-path.js";
import { loginAuth } from "../../src/vendors/http/auth.js";
import { createHttpClient, type HttpClient } from "../../src/vendors/http/http-client.js";
import { REDACTED } from "../../src/vendors/http/secrets.js";

/** A password with every character an encoding changes. */
const PASSWORD = `p@ss w/rd+"é&<x>%`;

/** Every 8-character piece of `secret` (in each form the request wrote it) that `text` shows. */
function piecesIn(text: string, secret: string): string[] {
  const forms = [
    secret,
    encodeURIComponent(secret),
    new URLSearchParams({ s: secret }).toString().slice(2),
    JSON.stringify(secret).slice(1, -1),
  ];
  return forms.flatMap((form) =>
    Array.from({ length: Math.max(0, form.length - 7) }, (_, i) => form.slice(i, i + 8)).filter((piece) =>
      text.includes(piece),
    ),
  );
}

async function failure(call: Promise<unknown>): Promise<SourceError> {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SourceError);
  return error as SourceError;
}

/** An upstream that logs in with a form and takes a token on every other call. */
describe("vendor words about a request, read by the shared HTTP client", () => {
  let sim: SimServer;
  let http: HttpClient;
  const issued: string[] = [];

  beforeAll(async () => {
    const router = new SimRouter()
      .post(
        "/login",
        (request) => {
          const form = request.body as Record<string, string>;
          if (form.password !== PASSWORD) return { status: 401, body: { message: "Bad credentials" } };
          issued.push(crypto.randomUUID());
          return { status: 200, body: { token: issued.at(-1) } };
        },
        { public: true },
      )
      .get("/thing", () => ({ status: 200, body: {} }))
      .post("/users", () => ({ status: 201, body: {} }));
    sim = createSimServer({
      name: "upstream",
      router,
      authenticate: (request) =>
        issued.some((token) => request.headers.authorization === `Bearer ${token}`)
          ? null
          : { status: 401, body: { message: "expired" } },
      errorBody: (status, message) => ({ status, body: { message } }),
    });
    const url = await sim.start();
    http = createHttpClient({
      sourceId: "up",
      vendor: "Upstream",
      describe: (body) => (body as { message?: string }).message,
      apiBase: `${url}/`,
      auth: loginAuth(
        async () =>
          (
            await http.send<{ token: string }>("POST", apiPath`login`, {
              anonymous: true,
              form: { username: "admin", password: PASSWORD },
            })
          ).token,
        (token) => ({ authorization: `Bearer ${token}` }),
        [PASSWORD],
      ),
      timeoutMs: 2000,
      retries: 0,
      maxConcurrency: 4,
    });
  });
  afterAll(async () => {
    http.close();
    await sim.stop();
  });

  it("scrubs the login's password, however the vendor writes it back", async () => {
    sim.faults.inject({ kind: "echo", status: 400, times: 1 });
    const error = await failure(http.get("thing"));
    expect(sim.faults.echoed[0]?.body).toContain(
      encodeURIComponent(PASSWORD).replace(/%20/g, "+").slice(0, 6),
    );
    expect(error.vendorMessage).toContain(`password=${REDACTED}`);
    expect(piecesIn(`${error.message}\n${error.vendorMessage}`, PASSWORD)).toEqual([]);
    sim.faults.clear();
  });

  it("scrubs the token a login obtained, and the one a renewal obtained", async () => {
    await http.get("thing");
    const first = issued.at(-1)!;
    sim.faults.inject({ kind: "echo", status: 401, match: "GET" });
    const error = await failure(http.get("thing"));
    const renewed = issued.at(-1)!;
    expect(renewed).not.toBe(first);
    expect(sim.faults.echoed.map((r) => r.headers.authorization)).toEqual([
      `Bearer ${first}`,
      `Bearer ${renewed}`,
    ]);
    expect(error.vendorMessage).toContain(`authorization=${REDACTED}`);
    expect(piecesIn(error.message, renewed)).toEqual([]);
    sim.faults.clear();
  });

  it("scrubs before it cuts: a token across the 300-character limit leaves no piece behind", async () => {
    const token = issued.at(-1)!;
    const lead = "Request refused; it carried authorization=Bearer ".length;
    for (const pad of [300 - lead - 20, 300 - lead - 9, 300 - lead - 1]) {
      sim.faults.inject({ kind: "echo", status: 400, pad, times: 1 });
      const error = await failure(http.get("thing"));
      expect(sim.faults.echoed.at(-1)?.headers.authorization).toBe(`Bearer ${token}`);
      expect(error.vendorMessage!.length).toBeLessThanOrEqual(300 + REDACTED.length);
      expect(piecesIn(error.vendorMessage!, token)).toEqual([]);
      expect(piecesIn(error.vendorMessage!, `Bearer ${token}`)).toEqual([]);
    }
    sim.faults.clear();
  });

  it("scrubs what a request declares secret: a new account's password in its JSON body", async () => {
    sim.faults.inject({ kind: "echo", status: 400, methods: ["POST"] });
    const newcomer = `Newcomer-"Pa55"/é`;
    const error = await failure(
      http.send("POST", "users", { json: { login: "n", password: newcomer }, secrets: [newcomer] }),
    );
    expect(error.vendorMessage).toContain(`"password":"${REDACTED}"`);
    expect(piecesIn(error.message, newcomer)).toEqual([]);
    sim.faults.clear();
  });
});
