import { usagePermissionOf } from "./auth.js";
import type { StoredGroup, StoredUser, TestResultsState } from "./state.js";

/** How TestResults.io renders its entities (the "User Management" doc page), key order included. */

export function groupJson(group: StoredGroup) {
  return {
    Name: group.Name,
    Description: group.Description,
    UsagePermission: group.UsagePermission,
    DataVersion: group.DataVersion,
    Archived: group.Archived,
    Id: group.Id,
  };
}

export function customerJson(state: TestResultsState) {
  return { UserGroups: [...state.groups.values()].map(groupJson), ...state.customer };
}

/**
 * A user. The group lists send `UserGroup`, `Profile` and `Password` as null (doc "Get Users");
 * `detailed` is the single-user form (`GET /api/users/current`, create/update answers).
 */
export function userJson(user: StoredUser, state: TestResultsState, detailed = false) {
  const group = state.groups.get(user.groupId.toLowerCase());
  return {
    Email: user.Email,
    UsagePermission: usagePermissionOf(state, user) || null,
    Features: user.Features,
    DisplayName: user.DisplayName,
    Password: null,
    PreviousLogin: user.PreviousLogin,
    LastLogin: user.LastLogin,
    Profile: detailed ? user.Profile : null,
    UserGroup: detailed && group ? groupJson(group) : null,
    DataVersion: user.DataVersion,
    Archived: user.Archived,
    Id: user.Id,
  };
}

/** What Create and Update User answer: `UserGroup` filled in but `Profile` null (doc pages
 *  "Create new User", "Update User"), unlike `GET /api/users/current`. */
export function userAnswerJson(user: StoredUser, state: TestResultsState) {
  return { ...userJson(user, state, true), Profile: null };
}
