/** How a source's credentials become request headers. Credentials never leave this object. */
export interface AuthStrategy {
  /** Headers for the next request (may log in first; the result is cached). */
  headers(): Record<string, string> | Promise<Record<string, string>>;
  /** After a 401: forget the cached credential and get a new one. False when nothing can be renewed. */
  renew?(): Promise<boolean>;
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

/**
 * A token obtained by logging in, cached until the vendor rejects it, then renewed once.
 * Concurrent requests share one login (single flight).
 */
export function loginAuth(
  login: () => Promise<string>,
  toHeaders: (token: string) => Record<string, string>,
): AuthStrategy {
  let pending: Promise<Record<string, string>> | null = null;
  const fetchHeaders = () => {
    pending ??= login().then(toHeaders, (error: unknown) => {
      pending = null;
      throw error;
    });
    return pending;
  };
  return {
    headers: fetchHeaders,
    async renew() {
      pending = null;
      await fetchHeaders();
      return true;
    },
  };
}
