import { mediaTypes } from "../../../simulator/media-types.js";
import type { SimHandler, SimRequest } from "../../../simulator/router.js";
import { SimHttpError } from "../../../simulator/sim-server.js";

/**
 * What qTest asks of every request, enforced as strictly as its docs state it, and stricter where
 * they are silent (Rollcall's connector must then keep to what the docs show):
 *
 * - qTest API Specifications, "HTTP Headers" and "Response Codes" (REFERENCE §1.1, §1.4): 405 is
 *   "The data format is not supported by qTest … check the HTTP headers Content-Type and
 *   Accept-Type"; so a JSON route refuses an `Accept` that admits no JSON, and a body that is not
 *   `application/json`.
 * - 400 is "wrong format, wrong passed in data type or unknown properties inside the data": a body
 *   property the route's model lacks is refused, and so is [I] a query parameter the v3 swagger does
 *   not list for the route, a boolean that is not `true`/`false` and a page number that is not a
 *   positive integer (Spring would ignore an unknown parameter; the simulator refuses it so that a
 *   misspelt or mis-cased one — `page_size`, `includeinactiveusers` — cannot pass unseen).
 */

export type Body = Record<string, unknown>;

interface RouteRules {
  /** Query parameters the v3 swagger lists for the route (exact case). */
  readonly query?: readonly string[];
  /** What the answer is: JSON (default), or an image (the avatar). */
  readonly answers?: "json" | "image";
}

/** Whether an Accept header admits `type` ("application/json", "image/png"). No header admits all. */
function admits(accept: string | undefined, type: string): boolean {
  if (accept === undefined || accept.trim() === "") return true;
  const [major] = type.split("/");
  return mediaTypes(accept).some((range) => range === "*/*" || range === `${major}/*` || range === type);
}

/** A route handler behind qTest's header and parameter checks. */
export function strict(rules: RouteRules, handler: SimHandler): SimHandler {
  const known = new Set(rules.query ?? []);
  return (request) => {
    const accept = headerOf(request, "accept");
    const answers = rules.answers === "image" ? "image/png" : "application/json";
    if (!admits(accept, answers))
      throw new SimHttpError(405, `Accept-Type ${accept} is not supported: use ${answers}`);
    for (const name of request.query.keys())
      if (!known.has(name)) throw new SimHttpError(400, `Unknown parameter: ${name}`);
    return handler(request);
  };
}

function headerOf(request: SimRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(", ") : value;
}

/** A boolean query parameter: `true` or `false` (any case), else 400 like Spring's type mismatch. */
export function flag(request: SimRequest, name: string, fallback: boolean): boolean {
  const value = request.query.get(name);
  if (value === null) return fallback;
  if (!/^(true|false)$/i.test(value))
    throw new SimHttpError(400, `Invalid ${name}: ${value} is not a boolean`);
  return value.toLowerCase() === "true";
}

/** A positive integer query parameter (`page`, `pageSize`), else 400. */
export function positiveInteger(request: SimRequest, name: string, fallback: number): number {
  const value = request.query.get(name);
  if (value === null) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < 1)
    throw new SimHttpError(400, `Invalid ${name}: ${value} is not a positive integer`);
  return Number(value);
}

/** The request's JSON body, after the Content-Type check (405 otherwise, REFERENCE §1.4). */
function json(request: SimRequest): unknown {
  if (mediaTypes(headerOf(request, "content-type"))[0] !== "application/json")
    throw new SimHttpError(405, "Content-Type must be application/json");
  return request.body;
}

/** Refuses properties the model does not have ("unknown properties inside the data" → 400). */
export function onlyKnown(body: Body, model: string, properties: readonly string[]): Body {
  const unknown = Object.keys(body).find((key) => !properties.includes(key));
  if (unknown !== undefined) throw new SimHttpError(400, `Unrecognized field "${unknown}" in ${model}`);
  return body;
}

/** A JSON object body of `model`, with only its properties. */
export function jsonObject(request: SimRequest, model: string, properties: readonly string[]): Body {
  const body = json(request);
  if (typeof body !== "object" || body === null || Array.isArray(body))
    throw new SimHttpError(400, "Request body must be a JSON object");
  return onlyKnown(body as Body, model, properties);
}

/** A JSON array body of `model` objects, each with only its properties. */
export function jsonArray(request: SimRequest, model: string, properties: readonly string[]): Body[] {
  const body = json(request);
  if (!Array.isArray(body)) throw new SimHttpError(400, "Request body must be a JSON array");
  return body.map((item) => {
    if (typeof item !== "object" || item === null || Array.isArray(item))
      throw new SimHttpError(400, `Each item must be a ${model} object`);
    return onlyKnown(item as Body, model, properties);
  });
}

/** The properties of the models the write routes take (v3 swagger definitions). */
export const MODELS = {
  /** UserResource, plus the create-only properties create_user's body description lists. */
  newUser: [
    "links",
    "id",
    "username",
    "email",
    "password",
    "first_name",
    "last_name",
    "status",
    "avatar",
    "ldap_username",
    "user_group_ids",
    "external_auth_config_id",
    "external_user_name",
    "send_activation_email",
    "include_default_groups",
  ],
  userUpdate: [
    "email",
    "password",
    "first_name",
    "last_name",
    "status",
    "user_group_ids",
    "external_auth_config_id",
    "external_user_name",
  ],
  assignedProject: ["project_id", "profile"],
  assignedUsersProject: ["project_id", "profile", "user_ids"],
  projectWithUserIds: ["project_id", "user_ids"],
  profile: ["id", "name", "is_readonly", "is_admin"],
} as const;
