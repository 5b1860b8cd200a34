import { z } from "zod";
import { baseSourceSchema } from "../../../src/config/source-schema.js";

export const VENDOR = "Sixth Tool";

export const sixthConfigSchema = baseSourceSchema.extend({
  kind: z.literal("sixth"),
  auth: z.strictObject({ apiKey: z.string().min(1) }),
});

export type SixthConfig = z.infer<typeof sixthConfigSchema>;
