/** How the profilers (profile.ts, profile-allocations.ts) name a V8 profile's call frame. */
export interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
}

/** "function file:line", the file relative to node_modules/ or dist-bench/. */
export function functionOf({ functionName, url, lineNumber }: CallFrame): string {
  const where = url
    .replace(/^file:\/\//, "")
    .replace(/.*node_modules\//, "")
    .replace(/.*dist-bench\//, "");
  return `${functionName || "(anonymous)"} ${where}:${lineNumber + 1}`;
}

/**
 * The npm package a frame runs in; Rollcall's own code as "rollcall" (with `byFolder`, followed by
 * its folder under src/, two levels deep); Node's built-ins as "node"; V8's own by function name.
 */
export function packageOf({ functionName, url }: CallFrame, byFolder = false): string {
  if (url.includes("node_modules/")) return /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1] ?? "?";
  if (url.includes("dist-bench/"))
    return byFolder ? `rollcall ${/dist-bench\/(src\/[^/]+(?:\/[^/]+)?)/.exec(url)?.[1] ?? ""}` : "rollcall";
  return url ? "node" : functionName || "(vm)";
}
