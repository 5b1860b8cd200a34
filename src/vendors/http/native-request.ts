import http from "node:http";
import https from "node:https";
import type { RequestFunction } from "got";

/**
 * What got would call (http.request, or https.request for https: URLs; Rollcall never asks for
 * HTTP/2), minus the options got leaves undefined. got builds ~35 keys per request (TLS, DNS,
 * HTTP/2 settings), five of them set for a plain call, and Node copies the object twice more
 * (ClientRequest, Agent#addRequest): dropping the undefined ones cut a call's CPU by about a
 * tenth in isolation (bench/README.md, "What was found").
 */
export const nativeRequest: RequestFunction = (url, options, callback) => {
  const defined: Record<string, unknown> = {};
  for (const key in options) {
    const value = (options as Record<string, unknown>)[key];
    if (value !== undefined) defined[key] = value;
  }
  return (url.protocol === "https:" ? https : http).request(url, defined as http.RequestOptions, callback);
};
