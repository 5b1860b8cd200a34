/**
 * Every route beside GraphQL knows who is asking: /health/sources, /metrics and /avatars take
 * the credentials a GraphQL read needs (avatars also a short-lived signed link from
 * User.avatarUrl), and nothing refused reaches a vendor. /health stays open.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { avatarResource } from "../../../src/server/avatars.js";
import { callerTag, SignedLinks } from "../../../src/server/callers/signed-links.js";
import { type GatewayHarness, startGateway } from "../../support/gateway-harness.js";
import { userWithAvatar } from "../../support/pick-vendor.js";

const SECRET = "a-test-secret-that-is-long-enough-for-hmac";
/** A vendor with avatars, and a user whose picture its simulator serves. */
const avatar = await userWithAvatar(3);
const AVATAR_ID = `src:User:${avatar.remoteId}`;
const linkTo = (id: string) => `/avatars/${encodeURIComponent(id)}`;

describe("routes beside GraphQL", () => {
  let gw: GatewayHarness;
  let read: Record<string, string>;
  beforeAll(async () => {
    gw = await startGateway({
      instances: [{ vendor: avatar.vendor, id: "src" }],
      users: 3,
      auth: { anonymousReads: false, avatarUrls: { secret: SECRET } },
    });
    read = { authorization: `Bearer ${gw.keys.read}` };
  });
  afterAll(() => gw?.stop());

  const get = async (path: string, headers: Record<string, string> = {}) => {
    gw.clearLogs();
    const response = await fetch(new URL(path, gw.rollcall.origin), { headers });
    const body = Buffer.from(await response.arrayBuffer());
    return {
      status: response.status,
      headers: response.headers,
      body,
      upstream: gw.sims.get("src")!.log.total,
    };
  };
  const json = (body: Buffer) => JSON.parse(body.toString("utf8")) as Record<string, unknown>;
  const avatarUrlFor = async (headers: Record<string, string>) => {
    const { data } = await gw.gql<{ node: { avatarUrl: string } }>(
      `query($id: ID!) { node(id: $id) { ... on User { avatarUrl } } }`,
      { id: AVATAR_ID },
      headers,
    );
    return data!.node.avatarUrl;
  };

  it("keeps /health open and vendor-free", async () => {
    const { status, body, upstream } = await get("/health");
    expect(status).toBe(200);
    expect(json(body)).toMatchObject({ status: "ok" });
    expect(upstream).toBe(0);
  });

  for (const path of ["/health/sources", "/metrics", `/avatars/${encodeURIComponent(AVATAR_ID)}`]) {
    it(`refuses ${path} without credentials (401) or with a refused key, reaching no vendor`, async () => {
      const anonymous = await get(path);
      expect(anonymous.status).toBe(401);
      expect(json(anonymous.body)).toEqual({
        error: "This server needs credentials: send `Authorization: Bearer <API key or token>`",
        code: "UNAUTHENTICATED",
      });
      expect(anonymous.upstream).toBe(0);
      const badKey = await get(path, { authorization: "Bearer rk_guessed" });
      expect(badKey.status).toBe(401);
      expect(badKey.upstream).toBe(0);
    });
  }

  it("checks every source live for a caller with read scope", async () => {
    const { status, body, upstream } = await get("/health/sources", read);
    expect(status).toBe(200);
    expect(json(body)).toMatchObject({ status: "ok", sources: [{ id: "src", reachable: true }] });
    expect(upstream).toBeGreaterThan(0);
  });

  it("serves /metrics to a caller with read scope", async () => {
    const { status, body } = await get("/metrics", read);
    expect(status).toBe(200);
    expect(body.toString()).toContain("rollcall_upstream_requests_total");
  });

  it("serves an avatar to a caller with read credentials in the header", async () => {
    const { status, headers, body } = await get(`/avatars/${encodeURIComponent(AVATAR_ID)}`, read);
    expect(status).toBe(200);
    expect(headers.get("content-type")).toBe(avatar.picture.contentType);
    expect(body).toEqual(avatar.picture.data);
  });

  it("hands out avatarUrl as a signed link that works without credentials (as an <img src> asks)", async () => {
    const url = await avatarUrlFor(read);
    expect(url.startsWith(`${linkTo(AVATAR_ID)}?`)).toBe(true);
    expect(url.slice(linkTo(AVATAR_ID).length)).toMatch(/^\?expires=\d+&caller=[\w-]+&signature=[\w-]+$/);
    const { status, headers, body, upstream } = await get(url);
    expect(status).toBe(200);
    expect(body).toEqual(avatar.picture.data);
    expect(upstream).toBe(1);
    const maxAge = Number(/max-age=(\d+)/.exec(headers.get("cache-control") ?? "")?.[1]);
    expect(maxAge).toBeGreaterThanOrEqual(300);
    expect(maxAge).toBeLessThanOrEqual(600);
  });

  it("refuses a signed link that was tampered with, moved to another id, or has expired, reaching no vendor", async () => {
    const url = new URL(await avatarUrlFor(read), gw.rollcall.origin);
    const tampered = (change: (u: URL) => void) => {
      const copy = new URL(url);
      change(copy);
      return `${copy.pathname}${copy.search}`;
    };
    const forged = [
      tampered((u) => u.searchParams.set("signature", `${u.searchParams.get("signature")!.slice(0, -2)}AA`)),
      tampered((u) => u.searchParams.set("expires", String(Number(u.searchParams.get("expires")) + 3600))),
      tampered((u) => u.searchParams.set("caller", callerTag("key:someone-else"))),
      tampered((u) => {
        u.pathname = linkTo(`src:User:${avatar.remoteId}0`);
      }),
      tampered((u) => u.searchParams.delete("signature")),
    ];
    for (const path of forged) {
      const { status, body, upstream } = await get(path);
      expect(status, path).toBe(403);
      expect(json(body)).toEqual({
        error: "This link is not valid: ask Rollcall for a new one",
        code: "FORBIDDEN",
      });
      expect(upstream).toBe(0);
    }
    // A link the gateway signed itself (same secret), ten minutes ago for a five-minute span.
    const past = new SignedLinks(SECRET, 300, () => Date.now() - 11 * 60_000);
    const expired = past.sign(`/avatars/${encodeURIComponent(AVATAR_ID)}`, avatarResource(AVATAR_ID), "x");
    const { status, body, upstream } = await get(expired);
    expect(status).toBe(403);
    expect(json(body).error).toBe("This link has expired: ask Rollcall for a new one");
    expect(upstream).toBe(0);
  });

  it("opens no other route with a signed link", async () => {
    const url = new URL(await avatarUrlFor(read), gw.rollcall.origin);
    const { status, upstream } = await get(`/health/sources${url.search}`);
    expect(status).toBe(401);
    expect(upstream).toBe(0);
  });
});
