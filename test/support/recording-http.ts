import { type ApiPath, resolvePath } from "../../src/vendors/http/api-path.js";
import type { HttpClient, RequestOptions } from "../../src/vendors/http/http-client.js";
import { type ReadKind, type ReadRoute, readKindOf } from "../../src/vendors/http/read-cache.js";

/** One call a vendor client made: its path as sent and its route (the span's name, the cache's key kind). */
export interface RecordedCall {
  readonly method: string;
  readonly path: string;
  readonly template: string;
}

/**
 * An HttpClient that sends nothing: it records each call a vendor client makes and answers it with
 * `answer` (an empty object unless told), so a spec can see the route each client method asks for.
 */
export function recordingHttp(answer: unknown = {}): { http: HttpClient; calls: RecordedCall[] } {
  const calls: RecordedCall[] = [];
  const record = (method: string, given: ApiPath | string, _options?: RequestOptions) => {
    const { path, template } = resolvePath(given);
    calls.push({ method, path, template });
  };
  const http = {
    get: async (path: ApiPath | string, options?: RequestOptions) => {
      record("GET", path, options);
      return answer;
    },
    send: async (method: string, path: ApiPath | string, options?: RequestOptions) => {
      record(method, path, options);
      return answer;
    },
    request: async (method: string, path: ApiPath | string, options?: RequestOptions) => {
      record(method, path, options);
      return { status: 200, headers: {}, body: answer };
    },
    getBinary: async (path: ApiPath | string, options?: RequestOptions) => {
      record("GET", path, options);
      return { status: 200, headers: {}, body: Buffer.alloc(0) };
    },
    close() {},
  } as HttpClient;
  return { http, calls };
}

/**
 * The kind the shared read cache keeps each client read as (null: never), by the route the client
 * really asks for: `reads` names each read and makes it through the client.
 */
export async function readKindsOf(
  routes: readonly ReadRoute[],
  reads: Record<string, (http: HttpClient) => Promise<unknown>>,
): Promise<Record<string, ReadKind | null>> {
  const kinds: Record<string, ReadKind | null> = {};
  for (const [name, read] of Object.entries(reads)) {
    const { http, calls } = recordingHttp();
    await read(http);
    const gets = calls.filter((call) => call.method === "GET");
    if (gets.length !== 1) throw new Error(`${name} made ${gets.length} GETs, not one`);
    kinds[name] = readKindOf(routes, (gets[0] as RecordedCall).template);
  }
  return kinds;
}
