import type { SourceError } from "../../model/errors.js";
import { badResponse as answeredBadly } from "../http/http-errors.js";
import type {
  HalPage,
  RawClearances,
  RawHolder,
  RawProject,
  RawProjectPermissions,
  RawUserPermissions,
} from "./raw-types.js";
import { VENDOR } from "./vendor.js";

/**
 * The shapes Rollcall reads access from, checked. A payload without them is a read that failed
 * (SOURCE_BAD_RESPONSE, naming what was missing), never "no access": an access tool that reads a
 * shape it did not expect as an empty list says "no access" without a word. Several shapes are
 * [C2] or [I] (README, "Quirks"), so a wrong guess must show here.
 */

export function badResponse(sourceId: string, what: string): SourceError {
  return answeredBadly({ sourceId, vendor: VENDOR }, `sent ${what}`);
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function content(raw: unknown, sourceId: string, what: string): Record<string, unknown> {
  if (!isObject(raw) || !isObject(raw.content))
    throw badResponse(sourceId, `${what} without its \`content\` object`);
  return raw.content;
}

function holders(list: unknown, sourceId: string, what: string): RawHolder[] {
  if (!Array.isArray(list)) throw badResponse(sourceId, `${what} whose holders are not a list`);
  for (const holder of list)
    if (!isObject(holder) || typeof holder._type !== "string" || typeof holder.id !== "number")
      throw badResponse(sourceId, `${what} with a holder that has no \`_type\` and numeric \`id\``);
  return list as RawHolder[];
}

/** `GET /users/{id}/permissions` (seed page): `{content: {<group>: [project…]}}`. */
export function userPermissions(raw: unknown, sourceId: string): RawUserPermissions {
  const what = "a user's permissions";
  for (const projects of Object.values(content(raw, sourceId, what))) {
    if (!Array.isArray(projects)) throw badResponse(sourceId, `${what} whose projects are not a list`);
    for (const project of projects)
      if (!isObject(project) || typeof project.id !== "number" || typeof project.name !== "string")
        throw badResponse(sourceId, `${what} with a project that has no numeric \`id\` and \`name\``);
  }
  return raw as RawUserPermissions;
}

/** `GET /projects/{id}/clearances` (REFERENCE §2.2 [C2]): `{content: {<profile key>: {…, users: [holder…]}}}`. */
export function clearances(raw: unknown, sourceId: string): RawClearances {
  const what = "a project's clearances";
  for (const profile of Object.values(content(raw, sourceId, what))) {
    if (!isObject(profile)) throw badResponse(sourceId, `${what} with a profile that is not an object`);
    holders(profile.users, sourceId, what);
  }
  return raw as RawClearances;
}

/** `GET /projects/{id}/permissions` [I]: `{content: {<group>: [holder…]}}` (README, "Quirks"). */
export function projectPermissions(raw: unknown, sourceId: string): RawProjectPermissions {
  const what = "a project's permissions";
  for (const list of Object.values(content(raw, sourceId, what))) holders(list, sourceId, what);
  return raw as RawProjectPermissions;
}

/**
 * The items of a HAL page. Spring HATEOAS leaves `_embedded` out when a page is empty (REFERENCE
 * §2.3), and only then: a page that should hold items and has none, or an `_embedded` without the
 * list, is a bad answer, not an empty list.
 */
export function embedded<K extends string, T>(page: HalPage<K, T>, key: K, sourceId: string): T[] {
  if (!isObject(page) || !isObject(page.page) || typeof page.page.totalElements !== "number")
    throw badResponse(sourceId, `a ${key} page without its \`page\` counts`);
  const items = page._embedded?.[key];
  if (Array.isArray(items)) return items;
  if (page._embedded !== undefined) throw badResponse(sourceId, `a ${key} page without \`_embedded.${key}\``);
  const { number, size, totalElements } = page.page;
  if (number * size < totalElements)
    throw badResponse(sourceId, `an empty ${key} page where ${totalElements} ${key} were counted`);
  return [];
}

/** A project as the connector maps it: its id, name and `active` (asked for through `fields`). */
export function project(raw: RawProject, sourceId: string): RawProject {
  if (typeof raw?.id !== "number" || typeof raw.name !== "string")
    throw badResponse(sourceId, "a project without its numeric `id` and `name`");
  if (typeof raw.active !== "boolean") throw badResponse(sourceId, `project ${raw.id} without \`active\``);
  return raw;
}
