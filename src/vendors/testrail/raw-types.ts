/**
 * TestRail API v2 payloads as the docs show them: seed-pages/testrail-api-v2-users.txt and
 * REFERENCE.md §5 ([C] confirmed, [C2] seen in clients, [I] inferred).
 */

/** `get_user`, `get_current_user`, `get_user_by_email` and the items of `get_users`. */
export interface RawUser {
  readonly id: number;
  readonly name: string;
  readonly email: string;
  readonly is_active: boolean;
  /** 6.4+. The seed page's sample sends `"1"` (a string); newer docs send an int. Under
   *  `get_users/{project_id}` this is the project-level role. */
  readonly role_id?: number | string | null;
  readonly role?: string | null;
  /** 7.3+ (REFERENCE §5.2). */
  readonly is_admin?: boolean;
  readonly email_notifications?: boolean;
  readonly group_ids?: readonly number[];
  readonly mfa_required?: boolean;
  /** Enterprise only. */
  readonly sso_enabled?: boolean;
  readonly assigned_projects?: readonly number[];
}

export interface RawLinks {
  /** e.g. "/api/v2/get_users&limit=250&offset=250", null on the last page. */
  readonly next: string | null;
  readonly prev: string | null;
}

/** The 6.7+ paginated wrapper of every bulk GET (REFERENCE §5.3): at most 250 items a page. */
export type RawPage<K extends string, T> = {
  readonly offset: number;
  readonly limit: number;
  /** Items in this page, not a total. */
  readonly size: number;
  readonly _links?: RawLinks;
} & { readonly [key in K]?: readonly T[] };

/** A bulk answer: the wrapper, or the bare array the users doc page still shows (pre-6.7). */
export type RawList<K extends string, T> = RawPage<K, T> | readonly T[];

/** `get_roles` (7.3+). */
export interface RawRole {
  readonly id: number;
  readonly name: string;
  /** The role new users get, not "built in". */
  readonly is_default?: boolean;
  /** Enterprise. */
  readonly is_project_admin?: boolean;
}

/** `get_group` and the items of `get_groups` (7.5+). */
export interface RawGroup {
  readonly id: number;
  readonly name: string;
  /** [C] on `get_group`; [I] on `get_groups` items (fetched by id when absent). */
  readonly user_ids?: readonly number[];
}

/** A per-user role override in `get_project` (Enterprise 7.3+). */
export interface RawProjectUser {
  readonly id: number;
  readonly global_role_id?: number | null;
  readonly global_role?: string | null;
  readonly project_role_id?: number | null;
  readonly project_role?: string | null;
}

/** A per-group role override in `get_project` (7.3+). */
export interface RawProjectGroup {
  readonly id: number;
  readonly role_id?: number | null;
  readonly role?: string | null;
}

/** `get_project` and the items of `get_projects`. */
export interface RawProject {
  readonly id: number;
  readonly name: string;
  readonly announcement?: string | null;
  readonly show_announcement?: boolean;
  readonly is_completed: boolean;
  /** UNIX epoch seconds. */
  readonly completed_on?: number | null;
  readonly suite_mode?: number;
  readonly url?: string;
  /** 7.3+; null when the project defers to each user's global role [I]. */
  readonly default_role_id?: number | null;
  readonly default_role?: string | null;
  readonly users?: readonly RawProjectUser[];
  readonly groups?: readonly RawProjectGroup[];
}

/** Every 4xx/5xx: `{"error": "..."}` (REFERENCE §5.3). */
export interface RawError {
  readonly error?: string;
}
