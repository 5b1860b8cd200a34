/**
 * Finding a Squash TM user by login. `GET /users/login/{login}` is the admin plugin's (seed page,
 * opening lines): an instance without it answers 404 for every login, like for a login nobody
 * holds. A 404 is "nobody" only where the instance is known to serve the route; elsewhere the
 * user list answers. Counted on the simulator's request log over real HTTP.
 */
import { afterEach, describe, expect, it } from "vitest";
import { ErrorCode, InputError } from "../../../src/model/errors.js";
import { person } from "../../../src/simulator/people.js";
import { squashTm } from "../../../src/vendors/squash-tm/index.js";
import {
  createSquashSimulator,
  type SquashSimulatorOptions,
} from "../../../src/vendors/squash-tm/simulator/index.js";
import type { VendorModule } from "../../../src/vendors/vendor-module.js";
import { startVendor, type VendorHarness } from "../../support/vendor-harness.js";

let h: VendorHarness | undefined;
afterEach(() => h?.stop());

async function start(
  options: SquashSimulatorOptions = {},
  overrides?: Record<string, unknown>,
): Promise<VendorHarness> {
  const vendor = {
    ...squashTm,
    simulator: { ...squashTm.simulator, create: () => createSquashSimulator({ users: 20, ...options }) },
  } as VendorModule;
  h = await startVendor(vendor, { overrides });
  return h;
}
const calls = () =>
  h!.sim.log.list().map((e) => `${e.method} ${e.path}${e.query ? `?${e.query}` : ""} ${e.status}`);
const byLogin = async (login: string) =>
  (await h!.connector.users.list({ filter: { login }, offset: 0, limit: 10 }, h!.session())).items.map(
    (u) => u.remoteId,
  );

describe("Squash TM users(filter: {login})", () => {
  it("learns the route from a login it answers, so a later 404 is 'nobody' at one call", async () => {
    await start();
    expect(await byLogin("User-1")).toEqual(["486"]);
    h!.sim.log.clear();
    expect(await byLogin("nobody-here")).toEqual([]);
    expect(calls()).toEqual(["GET /users/login/nobody-here 404"]);
  });

  it("asks about a login the list names before taking a first 404 for 'nobody', once per source", async () => {
    await start();
    expect(await byLogin("nobody-here")).toEqual([]);
    expect(calls()).toEqual([
      "GET /users/login/nobody-here 404",
      "GET /users?page=0&size=1&sort=id&fields=id%2Clogin 200",
      "GET /users/login/admin 200",
    ]);
    h!.sim.log.clear();
    expect(await byLogin("nobody-either")).toEqual([]);
    expect(calls()).toEqual(["GET /users/login/nobody-either 404"]);
  });

  it("finds users in the list on an instance without the by-login route, where every login is a 404", async () => {
    await start({ byLoginReads: false });
    expect(await byLogin("User-1")).toEqual(["486"]);
    expect(calls().slice(0, 3)).toEqual([
      "GET /users/login/User-1 404",
      "GET /users?page=0&size=1&sort=id&fields=id%2Clogin 200",
      "GET /users/login/admin 404",
    ]);
    h!.sim.log.clear();
    expect(await byLogin(person(3).handle)).toEqual(["1003"]);
    expect(await byLogin("nobody-here")).toEqual([]);
    expect(calls().every((c) => c.startsWith("GET /users?"))).toBe(true);
  });

  it("still refuses, on such an instance, an invite whose login another account holds", async () => {
    await start({ byLoginReads: false });
    const error = await h!.connector
      .writes!.users!.invite(
        {
          email: "someone.new@example.org",
          firstName: "S",
          lastName: "New",
          password: "pw-123456",
          login: "User-1",
        },
        h!.session(),
      )
      .then(
        () => expect.unreachable(),
        (e: unknown) => e as InputError,
      );
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ code: ErrorCode.BAD_USER_INPUT, field: "input.login" });
    expect(calls().filter((c) => c.startsWith("POST"))).toEqual([]);
  });

  it("finds a login no URL path can carry (`..`, `.`) in the list, never asking the by-login route about it", async () => {
    await start();
    await h!.connector.writes!.users!.update!("1003", { login: ".." }, h!.session());
    h!.sim.log.clear();
    expect(await byLogin("..")).toEqual(["1003"]);
    expect(await byLogin(".")).toEqual([]);
    expect(calls().length).toBeGreaterThan(0);
    expect(calls().every((c) => c.startsWith("GET /users?"))).toBe(true);
  });

  it("refuses a team change for a user whose login no URL path can carry, naming the user, before any call to its routes", async () => {
    await start();
    await h!.connector.writes!.users!.update!("1003", { login: ".." }, h!.session());
    h!.sim.log.clear();
    const error = await h!.connector.writes!.teams!.join("1003", ["569"], h!.session()).then(
      () => expect.unreachable(),
      (e: unknown) => e as InputError,
    );
    expect(error).toMatchObject({ code: ErrorCode.BAD_USER_INPUT, field: "input.user" });
    expect(calls().filter((c) => c.includes("/users/login"))).toEqual([]);
  });

  it("tells a Basic source's admin rights from its own group there too (rollcall check)", async () => {
    await start({ byLoginReads: false }, { auth: { username: "admin", password: "admin" } });
    expect(await h!.connector.probe()).toMatchObject({ admin: true });
    expect(calls()[0]).toBe("GET /users/login/admin 404");
  });
});
