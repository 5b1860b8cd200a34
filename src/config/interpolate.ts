/**
 * `${VAR}` and `${VAR:-fallback}` in config strings, so secrets come from the environment.
 * Every variable that is unset (or empty) and has no fallback is reported, not just the first: a
 * deployment missing three secrets learns it in one start, not three.
 */
export interface MissingVariable {
  /** Where in the config the string that wanted it sits (keys and array indexes). */
  readonly path: ReadonlyArray<string | number>;
  readonly variable: string;
}

export interface Interpolated {
  /** The config with every reference replaced; a missing variable leaves an empty string. */
  readonly value: unknown;
  readonly missing: readonly MissingVariable[];
}

const PATTERN = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

export function interpolate(value: unknown, env: NodeJS.ProcessEnv): Interpolated {
  const missing: MissingVariable[] = [];
  const walk = (node: unknown, path: Array<string | number>): unknown => {
    if (typeof node === "string")
      return node.replace(PATTERN, (_match, name: string, fallback: string | undefined) => {
        const found = env[name];
        if (found !== undefined && found !== "") return found;
        if (fallback !== undefined) return fallback;
        missing.push({ path, variable: name });
        return "";
      });
    if (Array.isArray(node)) return node.map((v, i) => walk(v, [...path, i]));
    if (node && typeof node === "object")
      return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, walk(v, [...path, k])]));
    return node;
  };
  return { value: walk(value, []), missing };
}
