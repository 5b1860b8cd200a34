import type { SimRequest } from "../../../simulator/router.js";
import { SimHttpError } from "../../../simulator/sim-server.js";

/**
 * Reading a write's JSON body field by field, refusing like TestRail: 400 with
 * `{"error": "Field :<name> …"}` (REFERENCE §5.3 gives the shape, e.g. "Field :case_id is not a
 * valid test case."; the exact wording of each refusal here is [I]).
 */
export type Body = Readonly<Record<string, unknown>>;

const bad = (field: string, what: string) => new SimHttpError(400, `Field :${field} ${what}`);

/** A write's body: a JSON object, or nothing (delete_group). All writes are JSON (REFERENCE §5.1). */
export function bodyOf(request: SimRequest): Body {
  if (request.body === undefined) return {};
  if (typeof request.body !== "object" || request.body === null || Array.isArray(request.body))
    throw new SimHttpError(400, "Invalid or malformed JSON request body.");
  return request.body as Body;
}

export function has(body: Body, field: string): boolean {
  return body[field] !== undefined;
}

export function requireField(body: Body, field: string): void {
  if (!has(body, field) || body[field] === null || body[field] === "")
    throw bad(field, "is a required field.");
}

export function text(body: Body, field: string): string | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  if (typeof value !== "string" || value.trim() === "") throw bad(field, "is not a valid string.");
  return value.trim();
}

/** Nullable text (a project's announcement). */
export function optionalText(body: Body, field: string): string | null | undefined {
  return body[field] === null ? null : text(body, field);
}

export function flag(body: Body, field: string): boolean | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  if (typeof value !== "boolean") throw bad(field, "is not a valid boolean.");
  return value;
}

export function email(body: Body, field: string): string | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  if (typeof value !== "string" || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value.trim()))
    throw bad(field, "is not a valid email address.");
  return value.trim();
}

const isId = (value: unknown): value is number => Number.isInteger(value) && (value as number) > 0;

/** An id that must name something that exists (`what` completes "is not a valid …"). */
export function idOf(body: Body, field: string, exists: (id: number) => boolean, what: string) {
  const value = body[field];
  if (value === undefined) return undefined;
  if (!isId(value) || !exists(value)) throw bad(field, `is not a valid ${what}.`);
  return value;
}

/** A list of ids that must all exist (`group_ids`, `user_ids`). */
export function idList(body: Body, field: string, exists: (id: number) => boolean, what: string) {
  const value = body[field];
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) throw bad(field, "is not a valid array.");
  for (const id of value) if (!isId(id) || !exists(id)) throw bad(field, `contains an invalid ${what}.`);
  return [...new Set(value as number[])];
}

/**
 * update_project's `users`/`groups`: `[{id, role_id}]`. The doc sample writes `user_id` where
 * the table says `id` (REFERENCE §5.2), so both are read. `role_id` null clears the override, 0 is
 * "Global Role" [S]. Answers id -> role id (null = no override).
 */
export function overrides(
  body: Body,
  field: "users" | "groups",
  exists: (id: number) => boolean,
  roleExists: (id: number) => boolean,
): Map<number, number | null> | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) throw bad(field, "is not a valid array.");
  const what = field === "users" ? "user" : "group";
  const keys = ["id", `${what}_id`, "role_id"];
  const out = new Map<number, number | null>();
  for (const entry of value as unknown[]) {
    const item = (typeof entry === "object" && entry !== null ? entry : {}) as Body;
    // Only the documented keys [I]: a miscased `userId` must not pass as an entry without an id.
    const unknown = Object.keys(item).find((key) => !keys.includes(key));
    if (unknown !== undefined) throw bad(field, `contains an unsupported field :${unknown}.`);
    const id = item.id ?? (field === "users" ? item.user_id : item.group_id);
    if (!isId(id) || !exists(id)) throw bad(field, `contains an invalid ${what}.`);
    const roleId = item.role_id;
    if (roleId !== null && roleId !== 0 && !(isId(roleId) && roleExists(roleId)))
      throw bad(field, "contains an invalid role.");
    out.set(id, roleId as number | null);
  }
  return out;
}
