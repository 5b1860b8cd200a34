import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jwtSchema } from "../../src/config/callers-schema.js";
import { TokenVerifier } from "../../src/server/callers/token-verifier.js";
import { startIssuer, type TestIssuer } from "../support/oidc-issuer.js";

describe("scopes from a token's claims", () => {
  let idp: TestIssuer;
  beforeAll(async () => {
    idp = await startIssuer();
    await idp.addKey("k1");
  });
  afterAll(() => idp?.stop());

  const verifier = (extra: Record<string, unknown>) =>
    new TokenVerifier(
      jwtSchema.parse({ issuer: idp.issuer, audience: idp.audience, jwksUri: idp.jwksUri, ...extra }),
    );
  const scopesOf = async (verify: TokenVerifier, token: string) => {
    const verdict = await verify.verify(token);
    if (!verdict.ok) throw new Error(verdict.message);
    return verdict.caller.scopes;
  };

  it("reads a space-separated `scope` claim by default, each scope including those before it", async () => {
    const verify = verifier({});
    expect(await scopesOf(verify, await idp.sign("ada", "openid rollcall:read"))).toEqual(["read"]);
    expect(await scopesOf(verify, await idp.sign("ada", "rollcall:write email"))).toEqual(["read", "write"]);
    expect(await scopesOf(verify, await idp.sign("ada", "rollcall:admin"))).toEqual([
      "read",
      "write",
      "admin",
    ]);
    expect(await scopesOf(verify, await idp.sign("ada", "openid"))).toEqual([]);
    expect(await scopesOf(verify, await idp.sign("ada", undefined))).toEqual([]);
  });

  it("reads a `roles` array through a configured mapping", async () => {
    const verify = verifier({ scopeClaim: "roles", scopes: { read: ["Viewer"], write: ["AccessAdmin"] } });
    const token = (roles: unknown) => idp.sign("ada", undefined, { claims: { roles } });
    expect(await scopesOf(verify, await token(["Viewer"]))).toEqual(["read"]);
    expect(await scopesOf(verify, await token(["Viewer", "AccessAdmin"]))).toEqual(["read", "write"]);
    // A mapping replaces the default whole: admin, left out, is granted by nothing.
    expect(await scopesOf(verify, await token(["rollcall:admin", "rollcall:read"]))).toEqual([]);
    expect(await scopesOf(verify, await token("not-an-array Viewer"))).toEqual(["read"]);
    expect(await scopesOf(verify, await token([42, { role: "AccessAdmin" }]))).toEqual([]);
  });

  it("follows a path into nested claims (Keycloak's realm_access.roles)", async () => {
    const verify = verifier({
      scopeClaim: ["realm_access", "roles"],
      scopes: { write: ["rollcall-editor"] },
    });
    const token = await idp.sign("ada", "rollcall:admin", {
      claims: { realm_access: { roles: ["offline_access", "rollcall-editor"] } },
    });
    expect(await scopesOf(verify, token)).toEqual(["read", "write"]);
    expect(
      await scopesOf(verify, await idp.sign("ada", undefined, { claims: { realm_access: "x" } })),
    ).toEqual([]);
  });

  it("names the caller by subject and issuer, with the token's expiry", async () => {
    const verdict = await verifier({}).verify(await idp.sign("ada", "rollcall:read", { expiresIn: 60 }));
    expect(verdict.ok && verdict.caller).toMatchObject({
      kind: "token",
      subject: "ada",
      issuer: idp.issuer,
      id: `token:${idp.issuer}#ada`,
    });
    expect(verdict.ok && verdict.caller.expiresAt.getTime()).toBeGreaterThan(Date.now());
  });
});
