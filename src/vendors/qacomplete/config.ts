import { z } from "zod";
import { baseSourceSchema, basicAuthSchema } from "../../config/source-schema.js";

/** Where REST API v1 lives below an instance's root: `http(s)://{server}/rest-api/service/api/v1/…`
 *  (REFERENCE §3.1, the seed page's sample request). */
export const QAC_API_PATH = "/rest-api/service/api/v1";
/** The service root the docs give as the SaaS address ("…/rest-api/service"): people copy it. */
export const QAC_SERVICE_PATH = "/rest-api/service";

/**
 * `kind: qacomplete`: one QAComplete department, read over REST API v1 with Basic auth
 * (login = the user's email). `baseUrl` is the instance root as people know it, e.g.
 * `https://rest.qacomplete.smartbear.com` or an on-premise server's root; a URL that already
 * ends in `/rest-api/service` or `/rest-api/service/api/v1` works too (see apiBaseUrl).
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
