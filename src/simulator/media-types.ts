/**
 * The media types a request header names (`Accept: application/json, text/*;q=0.5`, a
 * `Content-Type` with its charset), in order, lower case, without their parameters: what every
 * simulator's request rules compare against the types its vendor's docs require.
 */
export function mediaTypes(header: string | readonly string[] | undefined): string[] {
  return [header ?? ""]
    .flat()
    .join(",")
    .split(",")
    .map((part) => (part.split(";")[0] ?? "").trim().toLowerCase())
    .filter((type) => type !== "");
}
