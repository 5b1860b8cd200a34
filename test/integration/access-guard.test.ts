import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { firstUserId, type GatewayHarness, startGateway } from "../support/gateway-harness.js";
import { anyVendor } from "../support/pick-vendor.js";

const INVITE = `mutation { inviteUser(input: { email: "new.person@example.com", firstName: "New", lastName: "Person" }) { ok } }`;

describe("API keys guard writes", () => {
  let gw: GatewayHarness;
  beforeAll(async () => {
    gw = await startGateway({ instances: [{ vendor: anyVendor(), id: "src" }], users: 2 });
  });
  afterAll(() => gw?.stop());

  it("refuses a mutation without a key as UNAUTHENTICATED, reaching no vendor", async () => {
    gw.clearLogs();
    const { status, data, errors } = await gw.gql(INVITE);
    expect(status).toBe(401);
    expect(data).toBeUndefined();
    expect(errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(gw.sims.get("src")!.log.total).toBe(0);
  });

  it("refuses a mutation with a read-scoped key as FORBIDDEN, reaching no vendor", async () => {
    gw.clearLogs();
    const { status, errors } = await gw.gql(INVITE, undefined, { authorization: `Bearer ${gw.keys.read}` });
    expect(status).toBe(403);
    expect(errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(errors?.[0]?.message).toContain("test-reader");
    expect(gw.sims.get("src")!.log.total).toBe(0);
  });

  it("refuses an unknown key for any operation", async () => {
    const { status, errors } = await gw.gql(`{ sources { id } }`, undefined, {
      authorization: "Bearer rk_not-a-key",
    });
    expect(status).toBe(401);
    expect(errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("lets reads through without a key when anonymous reads are on, and with a read key", async () => {
    expect((await gw.gql(`{ sources { id } }`)).errors).toBeUndefined();
    expect(
      (await gw.gql(`{ sources { id } }`, undefined, { authorization: `Bearer ${gw.keys.read}` })).errors,
    ).toBeUndefined();
  });

  it("lets a write-scoped key run mutations", async () => {
    const user = await firstUserId(gw, "src");
    const { errors } = await gw.mutate(
      `mutation { setUserActive(input: { users: ["${user}"], active: true }) { ok } }`,
    );
    expect(errors).toBeUndefined();
  });
});

describe("a server with keys and no anonymous reads", () => {
  it("needs a key for queries too", async () => {
    // The harness turns anonymous reads on; this config leaves them at their default (off with keys).
    const closed = await startGateway({
      instances: [{ vendor: anyVendor(), id: "src" }],
      users: 1,
      extraConfig: { auth: { apiKeys: [{ name: "k", scope: "read", sha256: "0".repeat(64) }] } },
    });
    try {
      const { status, errors } = await closed.gql(`{ sources { id } }`);
      expect(status).toBe(401);
      expect(errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    } finally {
      await closed.stop();
    }
  });
});
