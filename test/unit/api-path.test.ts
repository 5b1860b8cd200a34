import { describe, expect, it } from "vitest";
import { apiPath } from "../../src/vendors/http/api-path.js";
import { recordingHttp } from "../support/recording-http.js";

describe("a vendor path made with apiPath", () => {
  it("percent-encodes each value into its segment, and names the route by the literal parts only", () => {
    const path = apiPath`users/${"ann@example.com"}/permissions/${"a/b?c#d&e"}`;
    expect(path.path).toBe("users/ann%40example.com/permissions/a%2Fb%3Fc%23d%26e");
    expect(path.template).toBe("users/{id}/permissions/{id}");
  });

  it("keeps a value that reads like a word of the API out of the route", () => {
    const byLogin = apiPath`users/login/${"jdoe"}/teams`;
    expect(byLogin).toMatchObject({ path: "users/login/jdoe/teams", template: "users/login/{id}/teams" });
    // A login equal to the route's own words is still a value, and still hidden.
    expect(apiPath`users/${"search"}`.template).toBe("users/{id}");
    expect(apiPath`api/v3/users/${"v3"}`.template).toBe("api/v3/users/{id}");
  });

  it("makes a path without values its own route", () => {
    expect(apiPath`api/v3/user-profiles`).toMatchObject({
      path: "api/v3/user-profiles",
      template: "api/v3/user-profiles",
    });
  });

  it("writes numbers as they are", () => {
    expect(apiPath`get_user/${7}`).toMatchObject({ path: "get_user/7", template: "get_user/{id}" });
  });

  it("writes a list comma-separated, each id encoded apart, as one {ids}", () => {
    expect(apiPath`users/${["169", "1,89", 3]}`).toMatchObject({
      path: "users/169,1%2C89,3",
      template: "users/{ids}",
    });
  });

  it("builds on a path made the same way, route and all", () => {
    const user = apiPath`depts/${"1"}/users/${"jdoe"}`;
    expect(apiPath`${user}/securitygroups`).toMatchObject({
      path: "depts/1/users/jdoe/securitygroups",
      template: "depts/{id}/users/{id}/securitygroups",
    });
  });

  it("keeps every value it was given, nested paths' and inline parameters' too, for errors to scrub from a vendor's echo", () => {
    const user = apiPath`depts/${"1"}/users/${"jdoe"}`;
    expect(apiPath`${user}/teams/${["a", 2]}`.values).toEqual(["1", "jdoe", "a", "2"]);
    expect(
      apiPath`get_user_by_email`.withInlineParams({ email: "ann@example.com", offset: undefined }).values,
    ).toEqual(["ann@example.com"]);
    expect(apiPath`api/v3/user-profiles`.values).toEqual([]);
  });

  it("refuses a value that would leave its segment and reach another route: empty, `.` or `..`", () => {
    for (const value of ["", ".", ".."]) expect(() => apiPath`users/${value}/teams`).toThrow(RangeError);
    expect(() => apiPath`users/${[]}`).toThrow(RangeError);
    // Only a whole segment of dots moves the route; dots inside one do not.
    expect(apiPath`users/${"j.doe"}`.path).toBe("users/j.doe");
  });

  it("writes search parameters into the path, encoded, and never into the route", () => {
    const page = apiPath`get_users/${3}`.withInlineParams({
      limit: 250,
      offset: undefined,
      email: "a+b@x.com",
    });
    expect(page).toMatchObject({
      path: "get_users/3&limit=250&email=a%2Bb%40x.com",
      template: "get_users/{id}",
    });
  });
});

describe("the paths the HTTP client takes", () => {
  it("takes a path made by apiPath or a string literal, named by its route; a built string does not compile", async () => {
    const { http, calls } = recordingHttp();
    const id = "jdoe";
    await http.get("api/v3/projects");
    await http.send("POST", apiPath`users/${id}/teams`);
    expect(calls.map((call) => call.template)).toEqual(["api/v3/projects", "users/{id}/teams"]);
    // Never run: typecheck (over this file too) holds each refusal to be the error it expects.
    const refused = (given: string) => {
      // @ts-expect-error a computed string
      void http.get(given);
      // @ts-expect-error a template literal with a value in it
      void http.get(`users/${given}`);
      // @ts-expect-error the same, typed as a template literal type
      void http.send("PUT", `users/${given}` as const);
      // @ts-expect-error an object shaped like a path, not made by apiPath
      void http.getBinary({ path: `users/${given}`, template: "users/{id}" });
    };
    expect(refused).toBeTypeOf("function");
  });
});
