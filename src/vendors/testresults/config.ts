import { z } from "zod";
import { baseSourceSchema, tokenAuthSchema } from "../../config/source-schema.js";

/** The account Rollcall signs in with (`POST /api/token/login`), REFERENCE §4.1. */
export const emailPasswordAuthSchema = z.strictObject({
  email: z.string().min(1),
  password: z.string().min(1),
});

/** Where the API lives on the customer's host: every doc page writes `https://[customer].testresults.io/api/…`. */
export const TESTRESULTS_API_PATH = "/api";

/**
 * `kind: testresults`: `baseUrl` is the customer's own host (`https://<customer>.testresults.io`),
 * or that host with `/api` already on it;
 * auth is a JWT sent as-is in the `Authentication` header, or an account that logs in for one.
 */
export const testResultsConfigSchema = baseSourceSchema.extend({
  kind: z.literal("testresults"),
  auth: z.union([tokenAuthSchema, emailPasswordAuthSchema], {
    error: "needs { token } or { email, password }",
  }),
});

export type TestResultsConfig = z.infer<typeof testResultsConfigSchema>;
