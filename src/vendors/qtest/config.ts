import { z } from "zod";
import { baseSourceSchema, basicAuthSchema, tokenAuthSchema } from "../../config/source-schema.js";

/**
 * `kind: qtest`: an API token sent as `bearer`, or a login exchanged at `POST /oauth/token`.
 * `site` names the qTest site for the login's Basic header; it defaults to the host of `baseUrl`.
 */
export const qtestConfigSchema = baseSourceSchema.extend({
  kind: z.literal("qtest"),
  auth: z.union([basicAuthSchema, tokenAuthSchema], {
    error: "needs { username, password } or { token }",
  }),
  site: z.string().min(1).optional(),
});

export type QTestConfig = z.infer<typeof qtestConfigSchema>;

export const VENDOR = "Tricentis qTest Manager";

const IP_ADDRESS = /^(\d{1,3}(\.\d{1,3}){3}|\[?[0-9a-f:]+\]?)$/i;

/**
 * The site name of the login's `Authorization: Basic base64("<site name>:")`. The v3 swagger's
 * /oauth/token page: "site is apitryout.qtestnet.com then site name is apitryout". An IP address or
 * a single label is taken whole (the common_apis page accepts any client name there).
 */
export function siteName(config: Pick<QTestConfig, "site" | "baseUrl">): string {
  const site = config.site ?? new URL(config.baseUrl).hostname;
  if (IP_ADDRESS.test(site)) return site;
  return site.split(".")[0] || site;
}
