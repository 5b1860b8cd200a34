/** The throwaway vendor's payloads, as its API answers them. */

export interface RawUser {
  readonly id: number;
  readonly login: string;
  readonly email: string | null;
  readonly name: string;
  readonly active: boolean;
  /** The user's one instance-wide role. */
  readonly role: string;
  readonly lastLogin: string | null;
}

export interface RawUserPage {
  readonly total: number;
  readonly items: readonly RawUser[];
}

export interface RawError {
  readonly error?: string;
}
