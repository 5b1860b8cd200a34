/** What may fill a hole of a path: one value, a list of them, or a path made the same way. */
export type PathValue = string | number | readonly (string | number)[] | ApiPath;

/** Search parameters; undefined ones are left out. */
export type PathParams = Readonly<Record<string, string | number | boolean | undefined>>;

/**
 * A vendor path together with its route, made at once by `apiPath` so the route can never hold what
 * the path was about: the route is written from the literal parts of the path only, each
 * interpolated value standing as `{id}` (a list as `{ids}`). Spans are named by the route
 * (http-client.ts `vendorCall`), and the shared read cache knows its reads by it (read-cache.ts):
 * no person's login or email reaches a trace, and one route stays one name whatever ids it serves.
 * Only this module makes one (the constructor is private), so a client cannot hand the HTTP client a
 * path whose route was guessed from its text.
 */
export class ApiPath {
  private constructor(
    /** Relative to the source's API base, every value percent-encoded; search parameters only as
     *  `withInlineParams` writes them in. */
    readonly path: string,
    /** The route: the literal parts, `{id}`/`{ids}` where values were. */
    readonly template: string,
    /** Every value written into the path (its holes and inline parameters), as given: what the
     *  route stands for, so a vendor's echo of it can be scrubbed from its words (http-errors.ts). */
    readonly values: readonly string[] = [],
  ) {}

  /** The tagged template behind `apiPath`. */
  static of(strings: TemplateStringsArray, ...values: readonly PathValue[]): ApiPath {
    let path = strings[0] ?? "";
    let template = path;
    const given: string[] = [];
    values.forEach((value, i) => {
      const after = strings[i + 1] ?? "";
      if (value instanceof ApiPath) {
        path += value.path;
        template += value.template;
        given.push(...value.values);
      } else if (Array.isArray(value)) {
        // A list in one segment, comma-separated (`users/169,189`): each id encoded apart, so no
        // id's own comma can split it.
        if (value.length === 0) throw new RangeError(`an empty list of ids in a path (${template}…)`);
        path += value.map(segment).join(",");
        template += "{ids}";
        given.push(...value.map(String));
      } else {
        path += segment(value as string | number);
        template += "{id}";
        given.push(String(value));
      }
      path += after;
      template += after;
    });
    return new ApiPath(path, template, given);
  }

  /**
   * This path with `params` written into it as `&key=value`, each encoded, and its route unchanged:
   * for an API whose route is itself the URL's query string (an API base ending in `?/`), where the
   * HTTP client's own search parameters would replace the route.
   */
  withInlineParams(params: PathParams): ApiPath {
    const entries = Object.entries(params).filter(
      (entry): entry is [string, string | number | boolean] => entry[1] !== undefined,
    );
    const query = entries
      .map(([key, value]) => `&${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`)
      .join("");
    const values = [...this.values, ...entries.map(([, value]) => String(value))];
    return new ApiPath(this.path + query, this.template, values);
  }
}

/**
 * Whether a value can stand as one path segment. An empty value, `.` or `..` cannot, whatever the
 * encoding (the URL parser drops or climbs `%2e%2e` too): the path would reach another route than
 * its template names. A client that may be handed such a value (a login a caller typed) asks this
 * first and finds it another way.
 */
export function fitsInPath(value: string | number): boolean {
  const text = String(value);
  return text !== "" && text !== "." && text !== "..";
}

/** One value as one path segment, percent-encoded so a `/`, `?`, `#` or `&` in it stays inside. */
function segment(value: string | number): string {
  if (!fitsInPath(value))
    throw new RangeError(`"${value}" cannot name an object in a path: it would change the route`);
  return encodeURIComponent(String(value));
}

/**
 * A vendor path with its route (`apiPath\`users/${id}/permissions\`` → path `users/42/permissions`,
 * route `users/{id}/permissions`). See ApiPath.
 */
export const apiPath = ApiPath.of;

/**
 * A string literal as it is written in the code, never a computed `string` (nor a template literal
 * type with holes): a path without values is its own route, but a built one must go through
 * `apiPath`, or its values would name the route. `Record<never, never>` (no keys) is assignable to
 * a record of P's keys only when P is not a finite set of literals.
 */
export type LiteralPath<P extends string> = Record<never, never> extends Record<P, never> ? never : P;

/** What the HTTP client takes as a path: one made by `apiPath`, or a literal. */
export type PathArg<P extends string> = ApiPath | LiteralPath<P>;

/** A path to send, its route, and the values the route stands for. */
export interface ResolvedPath {
  readonly path: string;
  readonly template: string;
  readonly values: readonly string[];
}

/** The path to send, its route and its values, whichever the caller gave (a literal has none). */
export function resolvePath(path: ApiPath | string): ResolvedPath {
  return typeof path === "string" ? { path, template: path, values: [] } : path;
}
