import { detached } from "./operation-signal.js";
import { SecretSet } from "./secrets.js";

/**
 * How a source's credentials become request headers. Credentials never leave this object, and it
 * knows every form in which it sends them: `secrets` holds them (and the tokens it obtains as it
 * logs in and renews), and the source's HTTP client scrubs them from every vendor text.
 */
export interface AuthStrategy {
  /** Headers for the next request (may log in first; the result is cached). */
  headers(): Record<string, string> | Promise<Record<string, string>>;
  /** After a 401 to a request sent with `rejected`: get a new credential (once, however many
   *  requests were refused together). False when nothing can be renewed. */
  renew?(rejected?: Record<string, string>): Promise<boolean>;
  /** Every credential this strategy holds or sends, in the forms it sends them. */
  readonly secrets: SecretSet;
}

/**
 * The secrets in a credential header's value: the value itself, the credential after its scheme
 * (`Bearer <token>`), and for Basic the encoded text and its password (its `user:` part names an
 * account; it is not a secret, and `user:password` then shows as `user:[redacted]`).
 */
function headerSecrets(value: string): string[] {
  const [, scheme, credential] = /^(\S+)\s+(\S+)$/.exec(value) ?? [];
  if (!scheme || !credential) return [value];
  if (scheme.toLowerCase() !== "basic") return [value, credential];
  const decoded = Buffer.from(credential, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  return [value, credential, colon < 0 ? decoded : decoded.slice(colon + 1)];
}

export function basicAuth(username: string, password: string): AuthStrategy {
  const value = `Basic ${Buffer.from(`${username}:${password}`, "utf8").toString("base64")}`;
  const headers = { authorization: value };
  return { headers: () => headers, secrets: new SecretSet().add(password, ...headerSecrets(value)) };
}

/** A fixed token in a header: `Authorization: Bearer <t>` by default. */
export function tokenAuth(
  token: string,
  header = "authorization",
  scheme: string | null = "Bearer",
): AuthStrategy {
  const value = scheme ? `${scheme} ${token}` : token;
  return {
    headers: () => ({ [header]: value }),
    secrets: new SecretSet().add(token, ...headerSecrets(value)),
  };
}

const sameHeaders = (a: Record<string, string>, b: Record<string, string>) =>
  Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([k, v]) => b[k] === v);

/**
 * A token obtained by logging in, cached until the vendor rejects it, then renewed once.
 * Concurrent requests share one login (single flight), and a burst of 401s for the same stale
 * token triggers one renewal, not one per request. `credentials` are what the login sends (its
 * password); each token obtained, and the headers made of it, become secrets as they arrive.
 */
export function loginAuth(
  login: () => Promise<string>,
  toHeaders: (token: string) => Record<string, string>,
  credentials: readonly string[] = [],
): AuthStrategy {
  const secrets = new SecretSet().add(...credentials);
  const obtain = async () => {
    const token = await detached(login);
    secrets.learn(token);
    const headers = toHeaders(token);
    for (const value of Object.values(headers)) secrets.learn(...headerSecrets(value));
    return headers;
  };
  let current: Promise<Record<string, string>> | null = null;
  const fetchHeaders = () => {
    // Every request of every operation waits for this one login: no operation's cancellation
    // (its deadline, its client leaving) may abort it for the others (see `obtain`).
    current ??= obtain();
    const pending = current;
    pending.catch(() => {
      if (current === pending) current = null;
    });
    return pending;
  };
  return {
    headers: fetchHeaders,
    secrets,
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
