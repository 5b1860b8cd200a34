import { randomUUID } from "node:crypto";
import {
  DEFAULT_PROFILE,
  nextRowVersion,
  type StoredGroup,
  type StoredUser,
  type TestResultsState,
} from "./state.js";

/**
 * Every change the write routes make to the simulator's database, keeping its indexes (emails,
 * group members) in step so the read routes see it at once. Each write takes the next rowversion,
 * as SQL Server does for any update of a row. Every step is a map lookup: no scan.
 */

export function insertUser(
  state: TestResultsState,
  fields: { Email: string; DisplayName: string | null; groupId: string },
): StoredUser {
  const user: StoredUser = {
    Id: randomUUID(),
    Email: fields.Email,
    DisplayName: fields.DisplayName,
    Features: null,
    PreviousLogin: null,
    LastLogin: null,
    Profile: DEFAULT_PROFILE,
    DataVersion: nextRowVersion(state),
    Archived: false,
    groupId: fields.groupId,
  };
  const id = user.Id.toLowerCase();
  state.users.set(id, user);
  state.emails.set(user.Email.toLowerCase(), id);
  state.members.get(user.groupId.toLowerCase())?.add(id);
  // No password: [I] a new account sets its own through the reset flow (REFERENCE §4.1).
  return user;
}

export function changeUser(
  state: TestResultsState,
  user: StoredUser,
  changes: { Email?: string; DisplayName?: string | null; groupId?: string },
): void {
  const id = user.Id.toLowerCase();
  if (changes.Email !== undefined && changes.Email.toLowerCase() !== user.Email.toLowerCase()) {
    state.emails.delete(user.Email.toLowerCase());
    state.emails.set(changes.Email.toLowerCase(), id);
  }
  if (changes.Email !== undefined) user.Email = changes.Email;
  if (changes.DisplayName !== undefined) user.DisplayName = changes.DisplayName;
  if (changes.groupId !== undefined && changes.groupId.toLowerCase() !== user.groupId.toLowerCase()) {
    state.members.get(user.groupId.toLowerCase())?.delete(id);
    state.members.get(changes.groupId.toLowerCase())?.add(id);
    user.groupId = changes.groupId;
  }
  user.DataVersion = nextRowVersion(state);
}

/** [I] Delete is a soft delete (REFERENCE §4.3: `Archived`): the row, its group and email stay. */
export function archiveUser(state: TestResultsState, user: StoredUser): void {
  user.Archived = true;
  user.DataVersion = nextRowVersion(state);
}

export function insertGroup(
  state: TestResultsState,
  fields: { Name: string; Description: string | null; UsagePermission: string },
): StoredGroup {
  const group: StoredGroup = {
    ...fields,
    DataVersion: nextRowVersion(state),
    Archived: false,
    Id: randomUUID(),
  };
  state.groups.set(group.Id.toLowerCase(), group);
  state.members.set(group.Id.toLowerCase(), new Set());
  return group;
}

export function changeGroup(
  state: TestResultsState,
  group: StoredGroup,
  changes: { Name?: string; Description?: string | null; UsagePermission?: string },
): void {
  if (changes.Name !== undefined) group.Name = changes.Name;
  if (changes.Description !== undefined) group.Description = changes.Description;
  if (changes.UsagePermission !== undefined) group.UsagePermission = changes.UsagePermission;
  group.DataVersion = nextRowVersion(state);
}

/** [I] Soft delete, like users: the group stays in `UserGroups[]` with `Archived: true`. */
export function archiveGroup(state: TestResultsState, group: StoredGroup): void {
  group.Archived = true;
  group.DataVersion = nextRowVersion(state);
}

/** Whether any account still is in a group (archived ones do not count: they are deleted). */
export function holdsAccounts(state: TestResultsState, group: StoredGroup): boolean {
  for (const id of state.members.get(group.Id.toLowerCase()) ?? [])
    if (state.users.get(id)?.Archived === false) return true;
  return false;
}
