import { describe, expect, it } from "vitest";
import { basicAuth, loginAuth, tokenAuth } from "../../src/vendors/http/auth.js";
import { LEARNED_KEPT, REDACTED, SecretSet } from "../../src/vendors/http/secrets.js";

/** Every 8-character piece of `secret`: none may survive a scrub. */
const pieces = (secret: string) =>
  Array.from({ length: Math.max(0, secret.length - 7) }, (_, i) => secret.slice(i, i + 8));
const showsAnyPiece = (text: string, secret: string) => pieces(secret).some((p) => text.includes(p));

describe("scrubbing a secret from a vendor's words", () => {
  const secret = `p@ss w/rd+"é&<x>`;
  const set = new SecretSet().add(secret);
  const json = JSON.stringify(secret).slice(1, -1);

  it.each([
    ["as it is", secret],
    ["URL-encoded", encodeURIComponent(secret)],
    [
      "URL-encoded with lower-case hex",
      encodeURIComponent(secret).replace(/%[0-9A-F]{2}/g, (c) => c.toLowerCase()),
    ],
    ["form-encoded", new URLSearchParams({ p: secret }).toString().slice(2)],
    ["JSON-escaped", json],
    ["JSON-escaped with \\/ (PHP)", json.replace(/\//g, "\\/")],
    [
      "JSON-escaped with \\uXXXX (.NET)",
      json.replace(
        /[<>&'+]|[^\x20-\x7e]/g,
        (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`,
      ),
    ],
    [
      "HTML-escaped",
      secret.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;"),
    ],
    ["JSON-escaped twice", JSON.stringify(json).slice(1, -1)],
  ])("%s", (_form, written) => {
    const said = `Bad credentials: password=${written}; try again`;
    const scrubbed = set.vendorText(said, 300);
    expect(scrubbed).toBe(`Bad credentials: password=${REDACTED}; try again`);
    expect(showsAnyPiece(scrubbed, secret)).toBe(false);
  });

  it("leaves text that holds no secret as it is", () => {
    const said = "Field :email is not a valid email address.";
    expect(set.vendorText(said, 300)).toBe(said);
    expect(set.scrub(said)).toBe(said);
  });

  it("merges overlapping secrets into one marker", () => {
    const overlapping = new SecretSet().add("abcdefghij", "ghijklmnop");
    expect(overlapping.scrub("x abcdefghijklmnop y")).toBe(`x ${REDACTED} y`);
  });
});

describe("the forms an auth strategy sends", () => {
  it("Basic: the header, its base64 and the password; `user:password` shows as `user:[redacted]`", () => {
    const { secrets, headers } = basicAuth("admin@example.com", "rollcall-api-key");
    const header = (headers() as Record<string, string>).authorization!;
    const base64 = header.slice("Basic ".length);
    const said = `Refused ${header} (${base64}) for admin@example.com:rollcall-api-key`;
    expect(secrets.scrub(said)).toBe(`Refused ${REDACTED} (${REDACTED}) for admin@example.com:${REDACTED}`);
  });

  it("base64 is matched as sent, case and all: a case-changed copy is other data", () => {
    const { secrets, headers } = basicAuth("admin", "s3cret-Pa55");
    const base64 = (headers() as Record<string, string>).authorization!.slice("Basic ".length);
    expect(secrets.scrub(base64)).toBe(REDACTED);
    expect(secrets.scrub(base64.toLowerCase())).toBe(base64.toLowerCase());
  });

  it("a token of hex digits (a UUID) is matched in either case", () => {
    const token = "7d8e1a3c-5b2f-4c1d-9e8f-0a1b2c3d4e5f";
    const { secrets } = tokenAuth(token, "authorization", "bearer");
    expect(secrets.scrub(`Invalid access token ${token.toUpperCase()}`)).toBe(
      `Invalid access token ${REDACTED}`,
    );
    expect(secrets.scrub(`Authorization: bearer ${token}`)).toBe(`Authorization: ${REDACTED}`);
  });

  it("a login's token, the header made of it and the token inside, as each login obtains them", async () => {
    let logins = 0;
    const tokens = ["1f0e9a8b-7c6d-4e5f-8a9b-0c1d2e3f4a5b", "2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d"];
    const auth = loginAuth(
      async () => `bearer ${tokens[logins++]}`,
      (value) => ({ authorization: value }),
      ["login-password"],
    );
    expect(auth.secrets.scrub("password=login-password")).toBe(`password=${REDACTED}`);
    expect(auth.secrets.scrub(tokens[0]!)).toBe(tokens[0]);
    await auth.headers();
    expect(auth.secrets.scrub(`token ${tokens[0]}`)).toBe(`token ${REDACTED}`);
    await auth.renew?.({ authorization: `bearer ${tokens[0]}` });
    expect(logins).toBe(2);
    // The replaced token is no longer sent, but a vendor may still echo it for a while.
    expect(auth.secrets.scrub(`${tokens[1]} after ${tokens[0]}`)).toBe(`${REDACTED} after ${REDACTED}`);
  });
});

describe("short secrets", () => {
  const set = new SecretSet().add("demo");

  it("are scrubbed where they stand alone, as an echo writes them", () => {
    expect(set.scrub('password=demo&grant_type=password; {"Password":"demo"}; admin:demo')).toBe(
      `password=${REDACTED}&grant_type=password; {"Password":"${REDACTED}"}; admin:${REDACTED}`,
    );
  });

  it("are left inside longer words and numbers", () => {
    expect(set.scrub("a demonstration of demo2 by pseudemo")).toBe("a demonstration of demo2 by pseudemo");
  });
});

describe("cutting a vendor's words to the limit", () => {
  const token =
    "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";
  const set = new SecretSet().add(token);

  it.each([
    [250, `${"#".repeat(250)}token=${REDACTED}; more words after it`],
    [280, `${"#".repeat(280)}token=${REDACTED}; mo`],
    [290, `${"#".repeat(290)}token=${REDACTED}`], // the marker is not cut in two
    [295, `${"#".repeat(295)}token`],
    [299, `${"#".repeat(299)}t`],
  ])(
    "scrubs before cutting: a secret across the limit leaves no piece behind (%i before it)",
    (before, kept) => {
      const said = `${"#".repeat(before)}token=${token}; more words after it`;
      expect(set.vendorText(said, 300)).toBe(kept);
      // What cutting first and scrubbing after would have shown:
      expect(showsAnyPiece(set.scrub(said.slice(0, 300)), token)).toBe(before <= 286);
    },
  );

  it("reads only what can show, treating its own cut as a cut secret", () => {
    const said = `${"#".repeat(5000)}${token.slice(0, 3)}`;
    expect(set.vendorText(said, 300)).toBe("#".repeat(300));
    const short = set.vendorText(`${"#".repeat(290)}${token}${"#".repeat(5000)}`, 300);
    expect(short).toBe(`${"#".repeat(290)}${REDACTED}`);
  });

  it("scrubs a piece of a secret the vendor cut short itself: at its end, or around an ellipsis", () => {
    expect(set.vendorText(`Invalid token ${token.slice(0, 20)}`, 300)).toBe(`Invalid token ${REDACTED}`);
    expect(set.vendorText(`Invalid token ${token.slice(0, 20)}... (expired)`, 300)).toBe(
      `Invalid token ${REDACTED}... (expired)`,
    );
    expect(set.vendorText(`Invalid token …${token.slice(-20)} (expired)`, 300)).toBe(
      `Invalid token …${REDACTED} (expired)`,
    );
    expect(set.vendorText(`${token.slice(-20)} is not valid`, 300)).toBe(`${REDACTED} is not valid`);
  });

  it("keeps text that only looks like the start of a secret in passing", () => {
    expect(set.vendorText(`The token eyJhbGciOiJIUzI1 was read`, 300)).toBe(
      "The token eyJhbGciOiJIUzI1 was read",
    );
  });
});

describe("secrets learned at run time", () => {
  it("stay scrubbed for the last LEARNED_KEPT, then make room", () => {
    const set = new SecretSet().add("configured-secret");
    const tokens = Array.from(
      { length: LEARNED_KEPT + 1 },
      (_, i) => `learned-token-${String(i).padStart(3, "0")}`,
    );
    set.learn(...tokens);
    expect(set.scrub(tokens[0]!)).toBe(tokens[0]);
    expect(set.scrub(tokens[1]!)).toBe(REDACTED);
    expect(set.scrub(tokens.at(-1)!)).toBe(REDACTED);
    expect(set.scrub("configured-secret")).toBe(REDACTED);
  });

  it("feed the sets this one feeds (the gateway's, for the logger), now and later", () => {
    const gateway = new SecretSet();
    const source = new SecretSet().add("configured-before").feed(gateway);
    source.add("configured-after").learn("learned-after");
    expect(gateway.scrub("configured-before configured-after learned-after")).toBe(
      `${REDACTED} ${REDACTED} ${REDACTED}`,
    );
  });
});
