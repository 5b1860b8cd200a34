import type { RawUser, RawUserPage } from "../raw-types.js";

/** A page of users as the API answers it: the window asked for, and the total. */
export function userPage(all: readonly RawUser[], offset: number, limit: number): RawUserPage {
  return { total: all.length, items: all.slice(offset, offset + limit) };
}
