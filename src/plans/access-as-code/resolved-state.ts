/**
 * The desired state with its names resolved against the sources: what the planner compares with
 * the live state. Each reference either names one object of its source, or says why it could not
 * be checked (its source's list could not be read): never a guess.
 */

/** One project, group or team of a source. */
export interface Target {
  readonly sourceId: string;
  /** The vendor's id. */
  readonly id: string;
  readonly name: string;
}

/** A reference that could not be checked: reading its source's list failed. */
export interface Unchecked {
  readonly sourceId: string;
  /** As the file wrote it. */
  readonly written: string;
  readonly error: Error;
}

export type Resolved = Target | Unchecked;

export const isUnchecked = (ref: Resolved): ref is Unchecked => "error" in ref;

export interface ResolvedGrant {
  readonly project: Resolved;
  /** The role as the source spells it (as written when the role list could not be read). */
  readonly role: string;
  /** Why the role could not be checked against the source's list; null when it was. */
  readonly roleUnchecked: Error | null;
  /** Where in the file: `people[0].grants[1] (line 9)`. */
  readonly place: string;
}

export interface ResolvedMembership {
  readonly target: Resolved;
  readonly place: string;
}

export interface ResolvedPerson {
  /** As written (trimmed): labels use it. */
  readonly email: string;
  /** Normalized: what accounts are matched by. */
  readonly key: string;
  readonly place: string;
  /** For accounts the plan creates; null when the file gives none. */
  readonly firstName: string | null;
  readonly lastName: string | null;
  readonly active: boolean | undefined;
  /** Sources (selected, in config order) where the person should have an account. */
  readonly accountSources: readonly string[];
  /** Sources whose accounts `active` applies to: accountSources, or every selected one when the
   *  entry names none (`active: false` alone offboards everywhere). */
  readonly activeSources: readonly string[];
  readonly grants: readonly ResolvedGrant[];
  readonly groups: readonly ResolvedMembership[];
  readonly teams: readonly ResolvedMembership[];
}

export interface ExclusiveTarget {
  readonly target: Resolved;
  readonly place: string;
}

export interface ResolvedDesiredState {
  /** The selected sources, in config order. */
  readonly sources: readonly string[];
  readonly people: readonly ResolvedPerson[];
  /** Only the entries marked `exclusive: true`. */
  readonly exclusive: {
    readonly projects: readonly ExclusiveTarget[];
    readonly groups: readonly ExclusiveTarget[];
    readonly teams: readonly ExclusiveTarget[];
  };
}

/** A key for maps of targets: `source\0id`. */
export const targetKey = (t: { sourceId: string; id: string }): string => `${t.sourceId}\u0000${t.id}`;
