/**
 * TestResults.io payloads as the "User Management" doc page shows them
 * (seed-pages/testresults-io-user-management.txt) and REFERENCE §4: PascalCase, GUID `Id`s,
 * `DataVersion` a base64 rowversion or null, dates UTC ISO with a 7-digit fraction and `Z`.
 */

/** An entry of `UserGroups[]`; also what group create/update answer. */
export interface RawUserGroup {
  readonly Name: string;
  readonly Description: string | null;
  /** Comma+space separated: "Login, Read, Write, …". */
  readonly UsagePermission: string;
  readonly DataVersion: string | null;
  readonly Archived: boolean;
  readonly Id: string;
}

/** `GET /api/management/customers/current`. */
export interface RawCustomer {
  readonly UserGroups: RawUserGroup[];
  readonly Name: string;
  readonly AccountNumber?: string | null;
  readonly Address?: string | null;
  readonly CostCenter?: string | null;
  readonly Currency?: string | null;
  readonly Tax?: number | null;
  readonly Discounts?: unknown;
  readonly MinimumConsumptionInH?: number | null;
  readonly DueDays?: number | null;
  readonly TechnicalName?: string | null;
  readonly Subdomain?: string | null;
  readonly Appliances?: string | null;
  readonly DataVersion: string | null;
  readonly Archived: boolean;
  readonly Id: string;
}

/** `Profile` of `GET /api/users/current` (REFERENCE §4.2); null in the group user lists. */
export interface RawProfile {
  readonly Language?: string;
  readonly DateFormat?: string;
  readonly TimeFormat?: string;
}

/**
 * A user as `GET …/groups/{gId}/users` lists it (`UserGroup` null there), and as the user
 * create/update and `GET /api/users/current` answer it (`UserGroup` filled in).
 */
export interface RawUser {
  readonly Email: string;
  readonly UsagePermission: string | null;
  /** Comma separated, like `UsagePermission`. */
  readonly Features: string | null;
  readonly DisplayName: string | null;
  /** Always null in answers; never copied into a record. */
  readonly Password?: string | null;
  readonly PreviousLogin: string | null;
  readonly LastLogin: string | null;
  readonly Profile: RawProfile | null;
  readonly UserGroup: RawUserGroup | null;
  readonly DataVersion: string | null;
  readonly Archived: boolean;
  readonly Id: string;
}

/** `POST /api/token/login` body and answer (REFERENCE §4.1). */
export interface RawLoginRequest {
  readonly Email: string;
  readonly Password: string;
}

export interface RawLoginResponse {
  readonly token: string;
}

/** A reference to a group by id, as the user writes send it (`UserGroup: { Id }`). */
export interface RawGroupRef {
  readonly Id: string;
}

/** `POST /api/users`: flat (doc page "Create new User"). */
export interface RawNewUser {
  readonly DisplayName: string;
  readonly Email: string;
  readonly UserGroup: RawGroupRef;
}

/**
 * `PUT /api/users/{uId}`: the fields wrapped in `UserData` (doc page "Update User").
 * [I] `DataVersion` is not on the page; it goes inside `UserData`, where the entity's own
 * rowversion lives in every answer.
 */
export interface RawUserUpdate {
  readonly UserData: {
    readonly DisplayName: string | null;
    readonly Email: string;
    readonly UserGroup: RawGroupRef;
    readonly DataVersion: string | null;
  };
}

/** `POST …/customers/current/groups` (doc page "Create new User Group"). */
export interface RawNewGroup {
  readonly Name: string;
  readonly Description: string | null;
  /** At least one, comma+space separated. */
  readonly UsagePermission: string;
}

/** `PUT …/customers/current/groups/{gId}` (doc page "Update User Group"); [I] with `DataVersion`. */
export interface RawGroupUpdate extends RawNewGroup {
  readonly DataVersion: string | null;
}

/**
 * Error body: undocumented [I]; ASP.NET Web API's `{"Message": "…"}` is assumed, with its
 * `ModelState` (property → messages) when a request body fails validation.
 */
export interface RawError {
  readonly Message?: string;
  readonly message?: string;
  readonly ModelState?: Record<string, readonly string[]>;
}
