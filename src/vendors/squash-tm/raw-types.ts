/** Squash TM REST API payloads, as the doc pages show them (seed-pages/squash-tm-rest-users.txt). */

export interface HalLink {
  readonly href: string;
}

export interface HalPage<K extends string, T> {
  /** Spring HATEOAS leaves `_embedded` out entirely when a page is empty. */
  readonly _embedded?: { readonly [key in K]?: T[] };
  readonly _links: Record<string, HalLink>;
  readonly page: { size: number; totalElements: number; totalPages: number; number: number };
}

export interface RawTeamSummary {
  readonly _type: "team";
  readonly id: number;
  readonly name: string;
  readonly _links?: Record<string, HalLink>;
}

/** A user as `GET /users/{id}` and `GET /users/login/{login}` return it. List items carry a subset
 *  (id, login, active, group) unless `fields` asks for more. */
export interface RawUser {
  readonly _type: "user";
  readonly id: number;
  readonly login: string;
  readonly first_name?: string;
  readonly last_name?: string;
  readonly email?: string;
  readonly active: boolean;
  readonly group: string;
  readonly can_delete_from_front?: boolean;
  readonly teams?: RawTeamSummary[];
  readonly last_connected_on?: string | null;
  readonly created_by?: string;
  readonly created_on?: string;
  readonly last_modified_by?: string | null;
  readonly last_modified_on?: string | null;
  readonly _links?: Record<string, HalLink>;
}

export interface RawTeam {
  readonly _type: "team";
  readonly id: number;
  readonly name: string;
  readonly description?: string | null;
  readonly created_by?: string;
  readonly created_on?: string;
  readonly last_modified_by?: string | null;
  readonly last_modified_on?: string | null;
  readonly _links?: Record<string, HalLink>;
}

export interface RawProject {
  readonly _type: "project" | "project-template";
  readonly id: number;
  readonly name: string;
  readonly label?: string | null;
  readonly description?: string | null;
  readonly active?: boolean;
  readonly attachments?: unknown[];
  readonly _links?: Record<string, HalLink>;
}

/** `GET /users/{id}/permissions`: projects grouped by permission group. */
export interface RawUserPermissions {
  readonly content: Record<string, RawProject[]>;
  readonly _links?: Record<string, HalLink>;
}

/** A user holding a permission group on a project (clearances, project permissions). */
export interface RawHolderUser {
  readonly _type: "user";
  readonly id: number;
  readonly login?: string;
  readonly _links?: Record<string, HalLink>;
}

export interface RawHolderTeam {
  readonly _type: "team";
  readonly id: number;
  readonly name?: string;
  readonly _links?: Record<string, HalLink>;
}

/** Who holds a group on a project: users, and teams (whose members get it through the team). */
export type RawHolder = RawHolderUser | RawHolderTeam;

/** One profile of a project's clearances, with who holds it there. */
export interface RawProfileClearance {
  readonly _type: "profile";
  readonly id: number;
  readonly name: string;
  readonly type: "system" | "custom";
  readonly users: RawHolder[];
}

/** `GET /projects/{id}/clearances` (REFERENCE §2.2 [C2]): holders grouped by profile key. */
export interface RawClearances {
  readonly content: Record<string, RawProfileClearance>;
  readonly _links?: Record<string, HalLink>;
}

/** `GET /projects/{id}/permissions`, the older model [I]: holders grouped by permission group. */
export interface RawProjectPermissions {
  readonly content: Record<string, RawHolder[]>;
  readonly _links?: Record<string, HalLink>;
}

/** Error body: `{"exception": "...", "message": "..."}` (REFERENCE.md §2.3). */
export interface RawError {
  readonly exception?: string;
  readonly message?: string;
}

/** The `group` values requests take (seed page "Create user"); responses capitalise them. */
export type RawRequestGroup = "admin" | "user" | "testAutomationServer";

/** `POST /users` body (seed page "Create user"). */
export interface RawNewUser {
  readonly _type: "user";
  readonly first_name: string;
  readonly last_name: string;
  readonly login: string;
  readonly password: string;
  readonly email: string;
  readonly group: RawRequestGroup;
  readonly can_delete_from_front: boolean;
}

/** `PATCH /users/{id}` body: only the fields that change (seed page "Modify user"). */
export interface RawUserPatch {
  readonly _type: "user";
  readonly first_name?: string;
  readonly last_name?: string;
  readonly login?: string;
  readonly email?: string;
  readonly active?: boolean;
  readonly group?: RawRequestGroup;
}

/** A `GET /users?fields=id,email` item: what the email scan reads. */
export interface RawUserEmail {
  readonly _type: "user";
  readonly id: number;
  readonly email?: string;
}
