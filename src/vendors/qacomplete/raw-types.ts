/**
 * QAComplete REST API v1 payloads as the docs show them: snake_case responses (odd spellings such
 * as `is_a_d_account` are exact), PascalCase request bodies and filter fields. Sources: seed page
 * `qacomplete-add-user-to-department.txt` and REFERENCE.md §3; fields marked [I] are inferred.
 */

/** The rights the authenticating user has on a list or an item: 0 None, 1 Read, 2 Update,
 *  3 Read+Update, 4 Delete, 5 Read+Delete, 7 Full (REFERENCE §3.1). */
export interface QacAcl {
  readonly acl: number;
}

/** Every list endpoint's wrapper (REFERENCE §3.3). `limit=0` answers `metadata` alone. */
export interface QacList<T> {
  readonly metadata: {
    readonly result_set: {
      readonly count: number;
      readonly offset: number;
      readonly limit?: number;
      readonly total: number;
    };
    readonly permissions?: QacAcl;
  };
  readonly results?: T[];
}

/**
 * A user. `GET /depts/{DeptId}/users/{UserId}` and the seed page's POST answer the single-user
 * fields; list items start with id, first_name, middle_name, last_name, work_phone, title,
 * company_name, grouping, sub_grouping, email (REFERENCE §3.3), the rest of a list item is [I].
 * There is no last-logon date in any documented payload.
 */
export interface RawUser {
  readonly id: number;
  readonly first_name: string;
  readonly middle_name?: string | null;
  readonly last_name: string;
  readonly work_phone?: string | null;
  readonly title?: string | null;
  readonly company_name?: string | null;
  readonly grouping?: string | null;
  readonly sub_grouping?: string | null;
  readonly email: string;
  readonly is_logged_on?: boolean;
  readonly is_security_admin?: boolean;
  readonly is_active: boolean;
  readonly nbr_times_logon?: number;
  readonly date_of_anniv?: string;
  readonly is_selected?: boolean;
  readonly update_user_id?: number;
  readonly date_created?: string;
  readonly date_updated?: string;
  readonly discount?: number;
  readonly import_id?: number;
  readonly primary_dept_id?: number;
  readonly logon_attempts?: number;
  readonly is_a_d_account?: boolean;
  readonly __permissions?: QacAcl;
}

/** `GET /depts/{DeptId}` (REFERENCE §3.2). */
export interface RawDept {
  readonly id: number;
  readonly company_id?: number;
  readonly dept_name: string;
  readonly update_user_id?: number;
  readonly date_created?: string;
  readonly date_updated?: string;
  readonly page_size?: number;
}

/**
 * A `GET /projects` item. The sample sends `"id":"11873"` and `"dept_id":"8162"` as strings
 * (REFERENCE §3.3); numbers are tolerated too. description, is_active, date_created and
 * date_updated are [I] (the Projects table's columns, snake_cased like `proj_name`).
 */
export interface RawProject {
  readonly id: string | number;
  readonly dept_id: string | number;
  readonly proj_name: string;
  readonly dept_name?: string;
  readonly description?: string | null;
  readonly is_active?: boolean;
  readonly actual_cost?: number;
  readonly actual_hrs?: number;
  /** `"00001-01-01T00:00:00.0000000"` when unset. */
  readonly date_begin_actual?: string;
  readonly date_begin_scheduled?: string;
  readonly date_created?: string;
  readonly date_updated?: string;
  readonly __permissions?: QacAcl;
}

/**
 * One (project, security group) of a user, from `GET /depts/{DeptId}/users/{UserId}/securitygroups`.
 * [I] The doc page shows no response body; the names are the PersonSecurityGroups view's
 * ProjId, ProjName, GroupName snake_cased, matching the PUT body's ProjId / GroupName.
 */
export interface RawUserSecurityGroup {
  readonly proj_id: number | string;
  readonly proj_name?: string;
  /** Absent or empty: the membership's group is unknown (level UNKNOWN, never a guess). */
  readonly group_name?: string | null;
}

/** `GET /depts/{DeptId}/securitygroups` item: only a name (securitygroups/get.html sample). */
export interface RawSecurityGroup {
  readonly name: string;
}

/** [I] The error body is unspecified ("optionally the error description"); ASP.NET Web API's
 *  `{"Message": "…"}` is assumed, and a plain-text body is accepted too. A rejected request body
 *  adds ASP.NET's `ModelState`: the offending property (prefixed with the parameter name, e.g.
 *  `user.Email`) -> its messages. */
export interface RawError {
  readonly Message?: string;
  readonly ModelState?: Readonly<Record<string, readonly string[]>>;
}

/**
 * `POST /depts/{DeptId}/users` body (seed page): LastName, FirstName and Email are required.
 * There is no password property: "You cannot set a password for the newly created user with
 * this method" (seed page).
 */
export interface RequestUserPost {
  readonly LastName: string;
  readonly FirstName: string;
  readonly MiddleName?: string;
  readonly Email: string;
  readonly TimeZone?: string;
  readonly IsSecurityAdmin?: boolean;
  readonly Phone?: string;
  readonly CompanyName?: string;
  readonly IsAdAccount?: boolean;
  readonly AdSearchValue?: string;
}

/**
 * `PATCH /depts/{DeptId}/users/{UserId}` body (REFERENCE §3.2): the properties sent change, the
 * ones left out stay. `PUT` takes the same properties but resets the omitted ones to defaults.
 * Neither has an `IsActive`: only DELETE changes activity, and only one way.
 */
export interface RequestUserPatch {
  readonly FirstName?: string;
  readonly LastName?: string;
  readonly MiddleName?: string;
  readonly Email?: string;
  readonly IsSecurityAdmin?: boolean;
  readonly Phone?: string;
  readonly IsAdAccount?: boolean;
  readonly AdSearchValue?: string;
}

export type RequestUserPut = RequestUserPatch & Pick<RequestUserPost, "FirstName" | "LastName" | "Email">;

/** `PUT` / `PATCH /depts/{DeptId}/users/{UserId}/securitygroups` body (REFERENCE §3.2): PUT
 *  replaces the user's list, PATCH sets the group of each project it names. */
export interface RequestUserSecurityGroups {
  readonly Groups: ReadonlyArray<{ readonly ProjId: number; readonly GroupName: string }>;
}
