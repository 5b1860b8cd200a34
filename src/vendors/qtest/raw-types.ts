/**
 * qTest Manager API v3 payloads as the docs show them: the seed page
 * (seed-pages/qtest-manager-v3-userapi.txt), the swagger models it links to (REFERENCE.md §1.3) and
 * the v3 swagger spec of apitryout.qtestnet.com. Wire names are snake_case; everything is optional
 * in the spec, so only what the docs mark as always present is required here.
 */

/** HAL-like link: `links: [{rel, href}]`. */
export interface RawLink {
  readonly rel: string;
  readonly href: string;
}

/** `Profile`: a user profile (per project) or an admin profile (instance-wide). The flags come with
 *  `GET /user-profiles` (swagger model Profile in the python client); assignments carry id and name. */
export interface RawProfile {
  readonly id: number;
  readonly name: string;
  readonly is_readonly?: boolean;
  readonly is_admin?: boolean;
}

/** `UserResource` (`GET /users/{id}`, `GET /projects/{id}/users`) and `UserResourceExtension`
 *  (`GET /users/search` items). `status`: 1 = Active, 3 = Inactive (UserUpdateResource). */
export interface RawUser {
  readonly links?: RawLink[];
  readonly id: number;
  readonly username: string;
  readonly email?: string | null;
  readonly first_name?: string | null;
  readonly last_name?: string | null;
  readonly status: number;
  /** URL of the avatar (`…/api/v3/users/{id}/avatar`). */
  readonly avatar?: string | null;
  readonly ldap_username?: string | null;
  readonly external_username?: string | null;
  readonly authentication_system?: string | null;
  readonly timezone_offset?: string | null;
  readonly country_name?: string | null;
  readonly user_group_ids?: number[];
  /** [I] The instance-wide admin profile the user holds; null when none (see README, "Profiles"). */
  readonly admin_profile?: RawProfile | null;
}

/** A member as `GET /projects/{id}/users` lists it: a UserResource plus, [I], the profile the
 *  member holds in that project (the `Profile` the assignment endpoints take). */
export interface RawProjectUser extends RawUser {
  readonly profile?: RawProfile | null;
}

/** The paged wrapper of `GET /users/search` (SearchUserResourceExtensionResponse) and
 *  `GET /search/user` (SearchUserResponse, which adds `total_project`). `page` is 1-based. */
export interface RawUserPage<T extends RawUser = RawUser> {
  readonly links?: RawLink[];
  readonly page: number;
  readonly page_size: number;
  readonly total: number;
  readonly items: T[];
  readonly total_project?: number;
}

/** `ProjectResource` (`GET /projects` answers a plain array of these). */
export interface RawProject {
  readonly links?: RawLink[];
  readonly id: number;
  readonly name: string;
  readonly description?: string | null;
  readonly status_id?: number;
  readonly start_date?: string | null;
  readonly end_date?: string | null;
  /** Usernames of the project's admins. */
  readonly admins?: string[];
  readonly admin_ids?: number[];
  readonly sample?: boolean;
  readonly x_explorer_access_level?: number;
  readonly date_format?: string;
  readonly automation?: boolean;
  readonly template_id?: number | null;
  readonly uuid?: string | null;
}

/** `UserProfileResponse` (`GET /user-profiles`). */
export interface RawProfileList {
  readonly user_profiles?: RawProfile[];
  readonly admin_profiles?: RawProfile[];
  readonly total_user_profiles?: number;
  readonly total_admin_profiles?: number;
}

/** `UserInfoVM`: a group member. The one camelCase model of the user APIs. */
export interface RawGroupMember {
  readonly id: number;
  readonly userName?: string;
  readonly firstName?: string;
  readonly lastName?: string;
  readonly contactEmail?: string;
  readonly fullName?: string;
  readonly userDN?: string | null;
}

/** `UserGroupResource` (`GET /groups` answers a plain array of these). */
export interface RawGroup {
  readonly id: number;
  readonly name: string;
  readonly description?: string | null;
  readonly total_user?: number;
  readonly is_system?: boolean;
  readonly is_default?: boolean;
  readonly authorities?: Array<{ id?: number; name: string; displayName?: string }>;
  readonly users?: RawGroupMember[];
  readonly user_ids?: number[];
  readonly authority_names?: string[];
}

/** `LoggedUser` (`GET /re-evaluation`): the caller. */
export interface RawLoggedUser {
  readonly links?: RawLink[];
  readonly id: number;
  readonly user_name: string;
  readonly first_name?: string;
  readonly last_name?: string;
  readonly client_id?: number;
  readonly client_name?: string;
  readonly client_site?: string;
  readonly client_site_name?: string;
  readonly timezone_offset?: string;
  readonly avatar?: string;
  readonly access_admin_page?: boolean;
  readonly package_type?: string;
  readonly applications?: Array<{ name: string; logo_url?: string; display_order?: number; url?: string }>;
  readonly support_links?: Record<string, string>;
}

/** `AdminProfile` (`GET /admin-profiles/current`): the caller's instance-wide rights (REFERENCE §1.3). */
export interface RawAdminProfile {
  readonly user_id?: number;
  readonly create_project?: boolean;
  readonly edit_project?: boolean;
  readonly archive_project?: boolean;
  readonly list_project?: boolean;
  readonly manage_client_user?: boolean;
  readonly edit_user_profile?: boolean;
  readonly view_user_profile?: boolean;
  readonly manage_client_info?: boolean;
  readonly manage_system_conf?: boolean;
  readonly site_level_field?: boolean;
}

/** `OAuthResponse` of `POST /oauth/token` (REFERENCE §1.1). */
export interface RawOAuthToken {
  readonly access_token: string;
  readonly token_type: string;
  readonly expires_in?: number;
  readonly refresh_token?: string;
  readonly scope?: string;
  readonly agent?: string;
}

/** Error body: `{"message": …}` (Message / ErrorMessage models; the 429 body is documented).
 *  A rejected login may answer Spring OAuth's `{error, error_description}`. */
export interface RawError {
  readonly message?: string;
  readonly error?: string;
  readonly error_description?: string;
}

/** `UserResource` as `POST /users` takes it (v3 swagger, create_user): `username` is the new user's
 *  email; `email` "will be ignored"; no `password` means the default "admin123" (seed page). */
export interface RawNewUser {
  readonly username: string;
  readonly email?: string;
  readonly first_name: string;
  readonly last_name: string;
  readonly password?: string;
  readonly user_group_ids?: number[];
}

/** `UserUpdateResource` (`PUT /users/{id}`): only the fields sent change. `user_group_ids` replaces
 *  the user's groups, so it is never sent by accident. */
export interface RawUserUpdate {
  readonly email?: string;
  readonly password?: string;
  readonly first_name?: string;
  readonly last_name?: string;
  /** 1 Active, 3 Inactive. */
  readonly status?: 1 | 3;
  readonly user_group_ids?: number[];
}

/** `AssignedProject` (`POST /users/{id}/projects`); no `profile` means Developer (seed page). */
export interface RawAssignedProject {
  readonly project_id: number;
  readonly profile?: Pick<RawProfile, "id" | "name"> | null;
}

/** `AssignedUsersProject` (`POST /users/projects`). */
export interface RawAssignedUsersProject extends RawAssignedProject {
  readonly user_ids: number[];
}

/** `ProjectWithUserIdsObject`: one item of the body of `PUT /users/projects` (unassign). */
export interface RawProjectWithUserIds {
  readonly project_id: number;
  readonly user_ids: number[];
}

/** `Message`: the answer of `PUT /users/projects`. */
export interface RawMessage {
  readonly message?: string;
}
