import { readPagedWindow } from "../../paging.js";
import { embedded } from "../payloads.js";
import type { RawUser } from "../raw-types.js";
import type { WriteContext } from "./context.js";

/** The account holding a login (`GET /users/login/{login}`, seed page "Get user"), or null
 *  (logins.ts: a 404 is "nobody" only where the instance serves the route). */
export function findByLogin(ctx: WriteContext, login: string): Promise<RawUser | null> {
  return ctx.logins.find(login);
}

/**
 * The id of the first account (lowest id) with this email, case-insensitively, or null.
 * Squash has no email search (seed page "Get all users" takes only page, size, sort, fields, type),
 * so the user list is read with `fields=id,email`: the first page, then the rest concurrently.
 */
export async function findIdByEmail(ctx: WriteContext, email: string): Promise<string | null> {
  const wanted = email.trim().toLowerCase();
  const all = await readPagedWindow({
    offset: 0,
    limit: Number.MAX_SAFE_INTEGER,
    maxPageSize: ctx.pageSize,
    fetchPage: async (page, size) => {
      const answer = await ctx.client.listUserEmails(page, size);
      return { items: embedded(answer, "users", ctx.sourceId), total: answer.page.totalElements };
    },
  });
  const found = all.items.find((u) => u.email?.trim().toLowerCase() === wanted);
  return found ? String(found.id) : null;
}
