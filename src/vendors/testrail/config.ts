import { z } from "zod";
import { baseSourceSchema, basicAuthSchema } from "../../config/source-schema.js";
import { instanceRoot } from "./api-path.js";

/** `kind: testrail`: HTTP Basic with the account's email and its password or an API key
 *  (REFERENCE §5.1; keys are made under My Settings). `baseUrl` is the instance root, taken also
 *  with TestRail's API path `index.php?/api/v2` on it (whose `?` is TestRail's route, not a query
 *  of the root): that path is taken off before the root is checked. */
export const testRailConfigSchema = baseSourceSchema.extend({
  kind: z.literal("testrail"),
  baseUrl: z.preprocess(
    (value) => (typeof value === "string" ? instanceRoot(value) : value),
    baseSourceSchema.shape.baseUrl,
  ),
  auth: basicAuthSchema,
});

export type TestRailConfig = z.infer<typeof testRailConfigSchema>;

/** TestRail Cloud's hosts (`<name>.testrail.io`, and the older .com and .net); anything else is a Server. */
export function isTestRailCloud(baseUrl: string): boolean {
  const host = new URL(baseUrl).hostname.toLowerCase();
  return /\.testrail\.(io|com|net)$/.test(host);
}
