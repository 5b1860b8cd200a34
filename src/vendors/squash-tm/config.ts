import { z } from "zod";
import { baseSourceSchema, basicAuthSchema, tokenAuthSchema } from "../../config/source-schema.js";

/** `kind: squash-tm`: Basic (login + password) or a personal API token sent as Bearer. */
export const squashConfigSchema = baseSourceSchema.extend({
  kind: z.literal("squash-tm"),
  auth: z.union([basicAuthSchema, tokenAuthSchema], {
    error: "needs { username, password } or { token }",
  }),
});

export type SquashConfig = z.infer<typeof squashConfigSchema>;
