import { detached } from "./operation-signal.js";

/** How a source's credentials become request headers. Credentials never leave this object. */
export interface AuthStrategy {
  /** Headers for the next request (may log in first; the result is cached). */
  headers(): Record<string, string> | Promise<Record<string, string>>;
  /** After a 401 to a request sent with `rejected`: get a new credential (once, however many
   *  requests were refused together). False when nothing can be renewed. */
  renew?(rejected?: Record<string, string>): Promise<boolean>;
}

export function basicAuth(username: string, password: string): AuthStrategy {
  const value = `Basic ${Buffer.from(`${username}:${password}`, "utf8").toString("base64")}`;
  const headers = { authorization: value };
  return { headers: () => headers };
}

/** A fixed token in a header: `Authorization: Bearer <t>` by default. */
export function tokenAuth(
  token: string,
  header = "authorization",
  scheme: string | null = "Bearer",
): AuthStrategy {
  const headers = { [header]: scheme ? `${scheme} ${token}` : token };
  return { headers: () => headers };
}

const sameHeaders = (a: Record<string, string>, b: Record<string, string>) =>
  Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([k, v]) => b[k] === v);

/**
 * A token obtained by logging in, cached until the vendor rejects it, then renewed once.
 * Concurrent requests share one login (single flight), and a burst of 401s for the same stale
 * token triggers one renewal, not one per request.
 */
export function loginAuth(
  login: () => Promise<string>,
  toHeaders: (token: string) => Record<string, string>,
): AuthStrategy {
  let current: Promise<Record<string, string>> | null = null;
  const fetchHeaders = () => {
    // Every request of every operation waits for this one login: no operation's cancellation
    // (its deadline, its client leaving) may abort it for the others.
    current ??= detached(login).then(toHeaders);
    const pending = current;
    pending.catch(() => {
      if (current === pending) current = null;
    });
    return pending;
  };
  return {
    headers: fetchHeaders,
    async renew(rejected) {
      const seen = current;
      const held = seen ? await seen.catch(() => null) : null;
      // Another request already replaced the token this one was refused with: just retry.
      if (held && rejected && !sameHeaders(held, rejected)) return true;
      if (current === seen) current = null;
      await fetchHeaders();
      return true;
    },
  };
}
