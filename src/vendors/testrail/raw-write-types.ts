/**
 * Bodies of TestRail's write methods as REFERENCE.md §5.2 lists them. Every write is a POST with
 * JSON and answers with the object written (delete_group: nothing).
 */

/** POST add_user (7.3+, admin): name and email required. */
export interface RawNewUser {
  readonly name: string;
  readonly email: string;
  readonly is_active?: boolean;
  readonly is_admin?: boolean;
  readonly email_notifications?: boolean;
  readonly role_id?: number;
  readonly group_ids?: readonly number[];
}

/** POST update_user/{id}: a partial update, only the fields sent change. */
export type RawUserChanges = Partial<RawNewUser>;

/** POST add_group (7.5+). */
export interface RawNewGroup {
  readonly name: string;
  readonly user_ids?: readonly number[];
}

/** POST update_group/{id}: `user_ids` replaces the whole member list. */
export type RawGroupChanges = Partial<RawNewGroup>;

/** One per-user role override in update_project: `role_id` 0 is "Global Role", null clears the
 *  override [S]. */
export interface RawUserOverride {
  readonly id: number;
  readonly role_id: number | null;
}

/** POST update_project/{id}, the part Rollcall sends: the per-user overrides (Enterprise 7.3+). */
export interface RawProjectAccess {
  readonly users: readonly RawUserOverride[];
}
