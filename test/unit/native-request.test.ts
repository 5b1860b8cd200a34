import http from "node:http";
import type { AddressInfo } from "node:net";
import type { NativeRequestOptions } from "got";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nativeRequest } from "../../src/vendors/http/native-request.js";

describe("the request function got calls", () => {
  let server: http.Server;
  let seen: http.IncomingHttpHeaders | undefined;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      seen = req.headers;
      res.end("{}");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("sends what got set and leaves Node's defaults for what it left undefined", async () => {
    const { port } = server.address() as AddressInfo;
    const options = {
      method: "GET",
      headers: { accept: "application/json" },
      agent: undefined,
      lookup: undefined,
      ca: undefined,
      rejectUnauthorized: undefined,
    } as NativeRequestOptions;
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const req = nativeRequest(new URL(`http://127.0.0.1:${port}/x`), options, (res) => {
        (res as http.IncomingMessage).resume();
        resolve((res as http.IncomingMessage).statusCode);
      }) as http.ClientRequest;
      req.on("error", reject);
      req.end();
    });
    expect(status).toBe(200);
    expect(seen?.accept).toBe("application/json");
  });

  it("goes through https for https URLs", () => {
    const req = nativeRequest(new URL("https://127.0.0.1:9/"), { method: "GET" } as NativeRequestOptions) as
      | http.ClientRequest
      | undefined;
    req?.on("error", () => {});
    // http.request would have thrown: it refuses an https: URL.
    expect(req?.protocol).toBe("https:");
    req?.destroy();
  });
});
