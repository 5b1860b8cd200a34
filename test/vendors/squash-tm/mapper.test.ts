/**
 * The Squash TM mapper and payload checks on the doc page's own examples (src/vendors/squash-tm/
 * __fixtures__, copied from seed-pages/squash-tm-rest-users.txt): what Squash says is mapped, what
 * it does not say is not invented, and a payload without the shape access is read from is a failed
 * read (SOURCE_BAD_RESPONSE), never an empty list.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ErrorCode, SourceError } from "../../../src/model/errors.js";
import { PermissionLevel } from "../../../src/model/records.js";
import {
  clearanceHolders,
  projectPermissionHolders,
  toGlobalPermission,
  toProject,
  toUser,
  toUserPermissions,
} from "../../../src/vendors/squash-tm/mapper.js";
import * as payloads from "../../../src/vendors/squash-tm/payloads.js";
import type { HalPage, RawProject, RawUser } from "../../../src/vendors/squash-tm/raw-types.js";

const fixture = (name: string) =>
  JSON.parse(
    readFileSync(new URL(`../../../src/vendors/squash-tm/__fixtures__/${name}`, import.meta.url), "utf8"),
  );

function badResponse(run: () => unknown, what: RegExp) {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(SourceError);
    expect((error as SourceError).code).toBe(ErrorCode.SOURCE_BAD_RESPONSE);
    expect((error as SourceError).message).toMatch(what);
    return;
  }
  expect.unreachable("expected SOURCE_BAD_RESPONSE");
}

describe("Squash TM mapper on the doc page's examples", () => {
  it("maps 'Get user' (User-1): names, email, active, group User (not admin), dates", () => {
    expect(toUser(fixture("user-by-login-User-1.json"), "s")).toMatchObject({
      remoteId: "486",
      login: "User-1",
      displayName: "Charles Dupond",
      email: "charlesdupond@aaaa.aa",
      active: true,
      admin: false,
      lastLoginAt: new Date("2018-02-11T11:00:00.000Z"),
      createdAt: new Date("2017-07-04T10:00:00.000Z"),
      updatedAt: new Date("2017-07-05T10:00:00.000Z"),
    });
  });

  it("maps 'Get user permissions' (486): one permission per group and project, with the embedded projects", () => {
    const raw = payloads.userPermissions(fixture("user-permissions-486.json"), "s");
    expect(
      toUserPermissions(raw, "486", "s").map((p) => `${p.role}@${p.projectId}:${p.level}:${p.project?.name}`),
    ).toEqual([
      "validator@369:EDIT:proj3",
      "advanced_tester@367:EXECUTE:proj1",
      "advanced_tester@368:EXECUTE:proj2",
    ]);
  });

  it("reads the page of 'Get all users' (page 2 of 5, size 1) as its one user", () => {
    const page = fixture("users-page-2-size-1.json") as HalPage<"users", RawUser>;
    expect(payloads.embedded(page, "users", "s").map((u) => u.login)).toEqual(["User-1"]);
  });
});

describe("Squash TM mapper: nothing invented", () => {
  const user = (group?: string) =>
    toUser({ _type: "user", id: 7, login: "u7", active: true, ...(group ? { group } : {}) } as RawUser, "s");

  it("says neither admin nor not for a user read without its group, and fails its permissions rather than drop an Admin", () => {
    expect(user().admin).toBeNull();
    badResponse(() => toGlobalPermission(user()), /user 7 without its `group`/);
  });

  it("reports an instance-wide group it does not know as CUSTOM, never as nothing; User grants nothing", () => {
    expect(toGlobalPermission(user("User"))).toBeNull();
    expect(toGlobalPermission(user("Admin"))).toMatchObject({ role: "Admin", level: PermissionLevel.ADMIN });
    expect(toGlobalPermission(user("Auditor"))).toMatchObject({
      role: "Auditor",
      level: PermissionLevel.CUSTOM,
      projectId: null,
    });
  });

  it("gives no project a default `active`: without it the project is a bad answer", () => {
    const project = { _type: "project", id: 5, name: "p" } as RawProject;
    badResponse(() => toProject(project, "s"), /project 5 without `active`/);
    expect(toProject({ ...project, active: false }, "s").active).toBe(false);
  });
});

describe("Squash TM payloads: a shape not seen is a failed read, not 'no access'", () => {
  it("refuses permissions, clearances and project permissions without their content", () => {
    badResponse(
      () => payloads.userPermissions({ _links: {} }, "s"),
      /user's permissions without its `content`/,
    );
    badResponse(() => payloads.clearances({}, "s"), /clearances without its `content`/);
    badResponse(() => payloads.projectPermissions(null, "s"), /project's permissions without its `content`/);
  });

  it("refuses holders that are not a list of {_type, id} — the clearances shape read as the older one, or the reverse", () => {
    const clearanceShaped = {
      content: { validator: { _type: "profile", id: 7, name: "V", type: "system", users: [] } },
    };
    const olderShaped = { content: { validator: [{ _type: "user", id: 486, login: "User-1" }] } };
    badResponse(() => payloads.projectPermissions(clearanceShaped, "s"), /holders are not a list/);
    badResponse(() => payloads.clearances(olderShaped, "s"), /profile that is not an object/);
    badResponse(
      () => payloads.clearances({ content: { validator: { users: [{ id: "486" }] } } }, "s"),
      /holder that has no `_type` and numeric `id`/,
    );
    expect(clearanceHolders(payloads.clearances(clearanceShaped, "s"))).toEqual([]);
    expect(projectPermissionHolders(payloads.projectPermissions(olderShaped, "s"))).toEqual([
      { group: "validator", holder: { _type: "user", id: 486, login: "User-1" } },
    ]);
  });

  it("takes a page without _embedded as empty only when it counts nothing there (Spring HATEOAS)", () => {
    const page = (number: number, totalElements: number, extra = {}) =>
      ({ _links: {}, page: { size: 20, totalElements, totalPages: 1, number }, ...extra }) as HalPage<
        "users",
        RawUser
      >;
    expect(payloads.embedded(page(0, 0), "users", "s")).toEqual([]);
    expect(payloads.embedded(page(3, 40), "users", "s")).toEqual([]);
    badResponse(
      () => payloads.embedded(page(0, 40), "users", "s"),
      /empty users page where 40 users were counted/,
    );
    badResponse(
      () => payloads.embedded(page(0, 1, { _embedded: { people: [] } }), "users", "s"),
      /without `_embedded.users`/,
    );
    badResponse(() => payloads.embedded({ _links: {} } as never, "users", "s"), /without its `page` counts/);
  });
});
