import type { SimRequest } from "../../../simulator/router.js";
import type { QTestState, StoredGroup, StoredProfile, StoredProject, StoredUser } from "./state.js";

/** How qTest renders its models (v3 swagger): snake_case, HAL-like `links: [{rel, href}]`. */

export const API = "/api/v3";

export function siteOrigin(request: SimRequest): string {
  return `http://${request.headers.host ?? "localhost"}`;
}

export const selfLink = (href: string) => [{ rel: "self", href }];

export function profileRef(profile: StoredProfile | undefined) {
  return profile ? { id: profile.id, name: profile.name } : null;
}

/** `Profile` as `GET /user-profiles` lists it, with its flags. */
export function profileJson(profile: StoredProfile) {
  return { id: profile.id, name: profile.name, is_readonly: profile.is_readonly, is_admin: profile.is_admin };
}

/** `UserResource` / `UserResourceExtension`, plus [I] the user's `admin_profile` on an instance that
 *  shows it (`state.instance.adminProfiles`; README "Profiles"). */
export function userJson(user: StoredUser, state: QTestState, origin: string) {
  const adminProfile = state.adminProfiles.get(user.id);
  const resource = {
    links: selfLink(`${origin}${API}/users/${user.id}`),
    id: user.id,
    username: user.username,
    email: user.email,
    first_name: user.first_name,
    last_name: user.last_name,
    status: user.status,
    avatar: user.avatar_hue === null ? null : `${origin}${API}/users/${user.id}/avatar`,
    ldap_username: user.ldap_username,
    timezone_offset: user.timezone_offset,
    country_name: user.country_name,
    user_group_ids: [...(state.groupsOfUser.get(user.id) ?? [])].sort((a, b) => a - b),
  };
  if (!state.instance.adminProfiles) return resource;
  const held = adminProfile === undefined ? undefined : state.profiles.get(adminProfile);
  return { ...resource, admin_profile: profileRef(held) };
}

/** A `GET /projects/{id}/users` item: a UserResource (v3 swagger getUsers), plus [I] the profile held
 *  in that project on an instance that shows it (`state.instance.memberProfiles`). */
export function projectMemberJson(user: StoredUser, profileId: number, state: QTestState, origin: string) {
  const member = userJson(user, state, origin);
  if (!state.instance.memberProfiles) return member;
  return { ...member, profile: profileRef(state.profiles.get(profileId)) };
}

/** `SearchUserResource`: the user plus the ids of the projects it is assigned to. */
export function searchUserJson(user: StoredUser, state: QTestState, origin: string) {
  const assigned = [...(state.projectsOfUser.get(user.id) ?? [])].sort((a, b) => a - b);
  return { ...userJson(user, state, origin), assigned_projects: assigned };
}

/** `ProjectResource`. `admins` names the members holding an admin user profile there. */
export function projectJson(project: StoredProject, state: QTestState, origin: string) {
  const admins = [...(state.members.get(project.id) ?? [])]
    .filter(([, profileId]) => state.profiles.get(profileId)?.is_admin)
    .map(([userId]) => state.users.get(userId))
    .filter((u): u is StoredUser => u !== undefined)
    .sort((a, b) => a.id - b.id);
  return {
    links: [
      ...selfLink(`${origin}${API}/projects/${project.id}`),
      { rel: "test-cases", href: `${origin}${API}/projects/${project.id}/test-cases` },
    ],
    id: project.id,
    name: project.name,
    description: project.description,
    status_id: project.status_id,
    start_date: project.start_date,
    end_date: project.end_date,
    admins: admins.map((u) => u.username),
    admin_ids: admins.map((u) => u.id),
    sample: project.sample,
    x_explorer_access_level: 7,
    date_format: "yyyy/MM/dd",
    automation: project.automation,
    template_id: null,
    uuid: project.uuid,
  };
}

/** `UserGroupResource` as `GET /groups` answers it: members as camelCase `UserInfoVM`. */
export function groupJson(group: StoredGroup, state: QTestState) {
  const members = [...(state.groupMembers.get(group.id) ?? [])]
    .sort((a, b) => a - b)
    .map((id) => state.users.get(id))
    .filter((u): u is StoredUser => u !== undefined);
  return {
    id: group.id,
    name: group.name,
    description: group.description,
    total_user: members.length,
    is_system: group.is_system,
    is_default: group.is_default,
    authorities: group.authority_names.map((name, i) => ({
      id: group.id * 100 + i,
      name,
      displayName: name.replace(/^ROLE_/, "").toLowerCase(),
    })),
    users: members.map((u) => ({
      id: u.id,
      userName: u.username,
      firstName: u.first_name,
      lastName: u.last_name,
      contactEmail: u.email,
      fullName: `${u.first_name} ${u.last_name}`.trim(),
      userDN: null,
    })),
  };
}

/**
 * `AdminProfile` of the caller (REFERENCE §1.3 names the flags, not what each profile holds) [I]:
 * any admin profile manages users, as the write routes grant it; "Administrator" holds every
 * flag; a user without an admin profile holds none.
 */
export function adminProfileJson(user: StoredUser, state: QTestState) {
  const profileId = state.adminProfiles.get(user.id);
  const profile = profileId === undefined ? undefined : state.profiles.get(profileId);
  const users = profile !== undefined;
  const all = profile?.name === "Administrator";
  return {
    user_id: user.id,
    create_project: all,
    edit_project: all,
    archive_project: all,
    list_project: all,
    manage_client_user: users,
    edit_user_profile: users,
    view_user_profile: users,
    manage_client_info: all,
    manage_system_conf: all,
    site_level_field: all,
  };
}

/** `LoggedUser` (`GET /re-evaluation`). */
export function loggedUserJson(user: StoredUser, state: QTestState, origin: string) {
  return {
    links: selfLink(`${origin}${API}/re-evaluation`),
    id: user.id,
    user_name: user.username,
    first_name: user.first_name,
    last_name: user.last_name,
    client_id: 1,
    client_name: "Rollcall Simulator",
    client_site: origin,
    client_site_name: "apitryout",
    timezone_offset: user.timezone_offset,
    avatar: `${origin}${API}/users/${user.id}/avatar`,
    access_admin_page: state.adminProfiles.has(user.id),
    package_type: "Elite",
    applications: [{ name: "qTest Manager", logo_url: "", display_order: 1, url: origin }],
    support_links: {},
  };
}
