/**
 * qTest's `GET /api/v3/groups` may be missing on an instance: the connector says so as
 * UNSUPPORTED_BY_SOURCE (never an empty group list), remembers it for the source and asks again
 * after a while; any other failure is reported as it is and not remembered.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ErrorCode, SourceError, UnsupportedError } from "../../../src/model/errors.js";
import { OptionalRoute } from "../../../src/vendors/qtest/optional-route.js";
import type { QTestSimulator } from "../../../src/vendors/qtest/simulator/index.js";
import { startVendor, type VendorHarness } from "../../support/vendor-harness.js";
import { qtestInstance } from "./instances.js";

const failure = <T>(promise: Promise<T>) =>
  promise.then(
    () => null,
    (e: unknown) => e as SourceError,
  );

describe("qTest without GET /groups, read through the connector", () => {
  let h: VendorHarness;
  beforeAll(async () => {
    h = await startVendor(qtestInstance({ groups: false }), { users: 10, overrides: { retries: 0 } });
  });
  afterAll(() => h?.stop());
  beforeEach(() => h.sim.log.clear());
  const groupCalls = () => h.sim.log.list().filter((e) => e.path === "/api/v3/groups").length;

  it("answers every group read with UNSUPPORTED_BY_SOURCE naming the source, never an empty list", async () => {
    const session = h.session();
    const groups = h.connector.groups!;
    const listed = await failure(groups.list({ filter: {}, offset: 0, limit: 10 }, session));
    expect(listed).toBeInstanceOf(UnsupportedError);
    expect(listed?.message).toBe(
      'Source "src" (Tricentis qTest Manager) does not offer user groups: this instance answers GET /api/v3/groups with 404, so no group, group member or user\'s group list can be read from it',
    );
    const ofUsers = await failure(groups.ofUsers(["1", "789"], session) as Promise<unknown>);
    expect(ofUsers?.code).toBe(ErrorCode.UNSUPPORTED_BY_SOURCE);
    const members = await failure(groups.members(["1"], session) as Promise<unknown>);
    expect(members?.code).toBe(ErrorCode.UNSUPPORTED_BY_SOURCE);
    const [user] = await session.loadUsers(["789"]);
    expect(user).not.toBeInstanceOf(Error);
    expect(groupCalls()).toBe(1);
  });

  it("does not ask again in later requests once the instance said it has no such route", async () => {
    const code = (await failure(h.connector.groups!.getMany(["1"], h.session()) as Promise<unknown>))?.code;
    expect(code).toBe(ErrorCode.UNSUPPORTED_BY_SOURCE);
    expect(groupCalls()).toBe(0);
  });

  it("keeps answering from memory until the re-check period is over, even once the instance serves it", async () => {
    (h.sim as QTestSimulator).instance.groups = true;
    expect(
      (await failure(h.connector.groups!.list({ filter: {}, offset: 0, limit: 1 }, h.session())))?.code,
    ).toBe(ErrorCode.UNSUPPORTED_BY_SOURCE);
    expect(groupCalls()).toBe(0);
  });
});

describe("qTest /groups failing otherwise", () => {
  it("reports a 500 as the outage it is, remembers nothing and asks again next time", async () => {
    const h = await startVendor(qtestInstance({}), { users: 5, overrides: { retries: 0 } });
    try {
      h.sim.faults.inject({ kind: "5xx", status: 500, match: "GET /api/v3/groups", times: 1 });
      const error = await failure(h.connector.groups!.list({ filter: {}, offset: 0, limit: 5 }, h.session()));
      expect(error?.code).toBe(ErrorCode.SOURCE_UNAVAILABLE);
      const page = await h.connector.groups!.list({ filter: {}, offset: 0, limit: 5 }, h.session());
      expect(page.items.length).toBeGreaterThan(0);
      expect(h.sim.log.list().filter((e) => e.path === "/api/v3/groups")).toHaveLength(2);
    } finally {
      await h.stop();
    }
  });
});

describe("OptionalRoute", () => {
  const missing = () =>
    new SourceError("does not serve GET x", {
      code: ErrorCode.SOURCE_MISCONFIGURED,
      sourceId: "s",
      vendor: "v",
      httpStatus: 404,
    });
  const unsupported = () => new UnsupportedError("s", "v", "no such thing here");

  it("remembers a missing route until the re-check period has passed, then asks again", async () => {
    let now = 0;
    const route = new OptionalRoute(unsupported, 1000, () => now);
    let asked = 0;
    let served = false;
    const load = async () => {
      asked += 1;
      if (!served) throw missing();
      return "answer";
    };
    expect(await failure(route.read(load))).toBeInstanceOf(UnsupportedError);
    now = 999;
    expect(await failure(route.read(load))).toBeInstanceOf(UnsupportedError);
    expect(asked).toBe(1);
    served = true;
    now = 1000;
    expect(await route.read(load)).toBe("answer");
    expect(asked).toBe(2);
    expect(route.knownMissing).toBe(false);
  });

  it("passes any other failure on, and remembers nothing of it", async () => {
    const route = new OptionalRoute(unsupported, 1000, () => 0);
    const down = new SourceError("down", { code: ErrorCode.SOURCE_UNAVAILABLE, sourceId: "s", vendor: "v" });
    expect(await failure(route.read(() => Promise.reject(down)))).toBe(down);
    expect(route.knownMissing).toBe(false);
    const notFound = new SourceError("gone", {
      code: ErrorCode.NOT_FOUND,
      sourceId: "s",
      vendor: "v",
      httpStatus: 404,
    });
    expect(await failure(route.read(() => Promise.reject(notFound)))).toBe(notFound);
    expect(route.knownMissing).toBe(false);
  });
});
