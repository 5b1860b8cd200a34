/**
 * The credential the console sends (an API key or the identity provider's token), kept in this
 * tab's sessionStorage only: it goes when the tab closes, and other tabs or sites never see it.
 */
const KEY = "rollcall.console.credential";

export function readCredential(): string | null {
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function storeCredential(credential: string | null): void {
  if (credential) sessionStorage.setItem(KEY, credential);
  else sessionStorage.removeItem(KEY);
}
