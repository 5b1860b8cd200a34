import { SourceError } from "../../model/errors.js";
import type { RawOAuthToken } from "./raw-types.js";

type Headers = Record<string, string>;

/**
 * Puts qTest credentials on each call. A login token is renewed once after a 401, then the
 * rejection is reported. Kept here rather than in the shared `loginAuth` because that one cannot
 * tell which token a 401 answered: concurrent 401s each log in again. Here only the first request
 * to meet a rejected token logs in; the others that raced it retry with the new token.
 */
export interface TokenSession {
  run<T>(call: (headers: Headers) => Promise<T>): Promise<T>;
}

const rejected = (error: unknown) => error instanceof SourceError && error.httpStatus === 401;

/** An API token from "Download qTest Resources": it never expires, so it is never renewed (common_apis). */
export function fixedTokenSession(token: string): TokenSession {
  const headers = { authorization: `bearer ${token}` };
  return { run: (call) => call(headers) };
}

/** A token from `POST /oauth/token`, sent as `Authorization: <token_type> <access_token>`. */
export function loginTokenSession(login: () => Promise<RawOAuthToken>): TokenSession {
  let current: Promise<Headers> | null = null;
  const logIn = (): Promise<Headers> => {
    const pending = login().then((t) => ({ authorization: `${t.token_type || "bearer"} ${t.access_token}` }));
    current = pending;
    // A failed login is not cached: the next call tries again.
    pending.catch(() => {
      if (current === pending) current = null;
    });
    return pending;
  };
  const headers = () => current ?? logIn();

  return {
    async run(call) {
      const used = headers();
      // A rejected login throws here: logging in again with the same credentials cannot help.
      const sent = await used;
      try {
        return await call(sent);
      } catch (error) {
        if (!rejected(error)) throw error;
        const renewed = current === used || current === null ? logIn() : current;
        return call(await renewed);
      }
    },
  };
}
