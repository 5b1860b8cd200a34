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
}
