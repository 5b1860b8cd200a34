/**
 * A simulator's `resolve` that makes only what lies below the API path a route. A request that
 * misses the path (a client that left it out, or doubled part of it) answers 404 like the
 * vendor's server, instead of reaching whichever route its tail happens to spell (the default
 * resolve serves a path outside the base as it is). The marker keeps such a request visible in
 * the request log.
 */
export function underApiPath(apiPath: string) {
  return (url: URL): { path: string; query: URLSearchParams } => ({
    path: url.pathname.startsWith(`${apiPath}/`)
      ? url.pathname.slice(apiPath.length)
      : `(outside ${apiPath})${url.pathname}`,
    query: url.searchParams,
  });
}
