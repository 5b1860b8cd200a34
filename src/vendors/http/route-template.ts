/** Segments that read as words of an API: letters, `_` and `-` (`users`, `get_user`, `user-profiles`), or a version (`v3`). */
const WORD = /^(?:[a-z][a-z_-]*|v\d+)$/i;
/** Segments after which the next one is a person's key, whatever it looks like (`users/login/jdoe`). */
const KEYED_BY = new Set(["login", "email", "username", "name"]);

/**
 * A vendor path as a route, for spans: every segment that is not a word of the API — an id, an
 * email, anything encoded, or what follows `login/` — becomes `{id}`, so a span names the route
 * (`users/{id}/permissions`) and never the person or object it was about. The query is not part
 * of the path (search parameters are passed apart) and never appears.
 */
export function routeTemplate(path: string): string {
  const segments = path.split("/");
  return segments
    .map((segment, i) =>
      segment === "" || (WORD.test(segment) && !KEYED_BY.has(segments[i - 1]?.toLowerCase() ?? ""))
        ? segment
        : "{id}",
    )
    .join("/");
}
