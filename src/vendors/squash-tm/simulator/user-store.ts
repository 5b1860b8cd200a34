import type { SquashState, StoredUser } from "./state.js";

/**
 * Every change to the simulator's users goes through here, so the by-login index, passwords,
 * team memberships and permissions never disagree with `state.users` (reads after writes must
 * see the same world, and a login lookup must stay O(1) at 5,000 users).
 */

export function insertUser(state: SquashState, user: StoredUser, password: string): void {
  state.users.set(user.id, user);
  state.logins.set(user.login, user.id);
  state.passwords.set(user.id, password);
}

export function userByLogin(state: SquashState, login: string): StoredUser | undefined {
  const id = state.logins.get(login);
  return id === undefined ? undefined : state.users.get(id);
}

export function changeLogin(state: SquashState, user: StoredUser, login: string): void {
  state.logins.delete(user.login);
  user.login = login;
  state.logins.set(login, user.id);
}

export function deleteUser(state: SquashState, id: number): void {
  const user = state.users.get(id);
  if (!user) return;
  state.users.delete(id);
  state.logins.delete(user.login);
  state.passwords.delete(id);
  state.permissions.delete(id);
  for (const members of state.teamMembers.values()) members.delete(id);
}
