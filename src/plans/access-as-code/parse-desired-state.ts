/**
 * Reads a desired-state file's text: YAML (JSON is YAML too), validated with zod. Every problem is
 * reported at once, each naming its place in the file as a key path and a line:
 * `people[2].grants[0].role (line 14): must name one of the source's project roles`.
 */
import { isNode, LineCounter, parseDocument } from "yaml";
import { type DesiredStateFile, desiredStateSchema } from "./desired-state.schema.js";

/** What is wrong with a desired-state file: one line per problem, each naming where. */
export class DesiredStateError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid desired state:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "DesiredStateError";
  }
}

/** Where a key path sits in the text, for the person fixing it: `people[2].role (line 14)`. */
export type Locate = (path: readonly PropertyKey[]) => number | null;

export interface ParsedDesiredState {
  readonly file: DesiredStateFile;
  /** The line of a key path (the nearest enclosing node that exists), 1-based; null when unknown. */
  readonly lineOf: Locate;
}

/** `people[2].grants[0].role`, the way config problems name their keys. */
export function keyPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path)
    out += typeof part === "number" ? `[${part}]` : out ? `.${String(part)}` : String(part);
  return out || "(root)";
}

/** A key path and its line: what every problem and every step's reason names. */
export function placeOf(path: readonly PropertyKey[], lineOf: Locate): string {
  const line = lineOf(path);
  return line === null ? keyPath(path) : `${keyPath(path)} (line ${line})`;
}

export function parseDesiredState(text: string): ParsedDesiredState {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, uniqueKeys: true });
  if (document.errors.length > 0)
    throw new DesiredStateError(
      document.errors.map((e) => {
        const at = e.linePos?.[0];
        const where = at ? `line ${at.line}, column ${at.col}` : "the file";
        // The message's own " at line …:" and code excerpt are replaced by the place in front.
        return `${where}: not valid YAML: ${e.message.split("\n")[0]?.replace(/ at line \d+, column \d+:?$/, "")}`;
      }),
    );
  const lineOf: Locate = (path) => {
    // The deepest node of the path that exists (a missing key is reported at its parent).
    for (let depth = path.length; depth >= 0; depth--) {
      const node: unknown = depth === 0 ? document.contents : document.getIn(path.slice(0, depth), true);
      if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
    }
    return null;
  };
  const raw: unknown = document.toJS() ?? {};
  const result = desiredStateSchema.safeParse(raw);
  if (!result.success)
    throw new DesiredStateError(
      result.error.issues.map((issue) => {
        const what =
          issue.code === "unrecognized_keys" ? `unknown key(s) ${issue.keys.join(", ")}` : issue.message;
        return `${placeOf(issue.path, lineOf)}: ${what}`;
      }),
    );
  return { file: result.data, lineOf };
}
