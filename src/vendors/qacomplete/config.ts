import { z } from "zod";
import { baseSourceSchema, basicAuthSchema } from "../../config/source-schema.js";

/**
 * `kind: qacomplete`: one QAComplete department, read over REST API v1 with Basic auth
 * (login = the user's email). `baseUrl` is the service root, e.g.
 * `https://rest.qacomplete.smartbear.com/rest-api/service`; `/api/v1/` is added.
 */
export const qacConfigSchema = baseSourceSchema.extend({
  kind: z.literal("qacomplete"),
  // Coerced so `${QAC_DEPT}` from the environment (a string) works as well as a YAML number.
  departmentId: z.coerce
    .number({ error: "must be the numeric id of a QAComplete department" })
    .int()
    .positive(),
  auth: basicAuthSchema,
});

export type QacConfig = z.infer<typeof qacConfigSchema>;
