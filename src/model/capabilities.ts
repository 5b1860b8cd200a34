/** What a configured source can do through Rollcall. Reported on `Source.capabilities`. */
export enum Capability {
  USERS = "USERS",
  TEAMS = "TEAMS",
  PROJECTS = "PROJECTS",
  GROUPS = "GROUPS",
  PERMISSIONS = "PERMISSIONS",
  /** Team membership listing (Team.members). */
  TEAM_MEMBERS = "TEAM_MEMBERS",
  /** Group membership listing (Group.members). */
  GROUP_MEMBERS = "GROUP_MEMBERS",
  /** An email lookup the vendor answers itself, without a scan. */
  USER_SEARCH_BY_EMAIL = "USER_SEARCH_BY_EMAIL",
  /** A login lookup the vendor answers itself, without a scan. */
  USER_SEARCH_BY_LOGIN = "USER_SEARCH_BY_LOGIN",
  /** inviteUser */
  INVITE_USERS = "INVITE_USERS",
  /** updateUser */
  UPDATE_USERS = "UPDATE_USERS",
  /** setUserActive(active: false) */
  DEACTIVATE_USERS = "DEACTIVATE_USERS",
  /** setUserActive(active: true) */
  REACTIVATE_USERS = "REACTIVATE_USERS",
  /** deleteUsers */
  DELETE_USERS = "DELETE_USERS",
  /** assign/unassign users to projects with a role */
  ASSIGN_PROJECTS = "ASSIGN_PROJECTS",
  /** subscribe/unsubscribe users to teams */
  MANAGE_TEAM_MEMBERS = "MANAGE_TEAM_MEMBERS",
  /** create/update/delete groups and their members */
  MANAGE_GROUPS = "MANAGE_GROUPS",
}
