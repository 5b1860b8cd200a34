import { z } from "zod";
import { baseSourceSchema, basicAuthSchema } from "../../config/source-schema.js";

/** `kind: testrail`: HTTP Basic with the account's email and its password or an API key
 *  (REFERENCE §5.1; keys are made under My Settings). */
export const testRailConfigSchema = baseSourceSchema.extend({
  kind: z.literal("testrail"),
  auth: basicAuthSchema,
});

export type TestRailConfig = z.infer<typeof testRailConfigSchema>;
