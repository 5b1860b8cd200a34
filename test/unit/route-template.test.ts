import { describe, expect, it } from "vitest";
import { routeTemplate } from "../../src/vendors/http/route-template.js";

describe("a vendor path as a span names it", () => {
  it("keeps the API's words and versions", () => {
    expect(routeTemplate("api/v3/user-profiles")).toBe("api/v3/user-profiles");
    expect(routeTemplate("management/customers/current")).toBe("management/customers/current");
  });

  it("hides ids, emails and encoded values behind {id}", () => {
    expect(routeTemplate("users/42/permissions")).toBe("users/{id}/permissions");
    expect(routeTemplate("get_user/7")).toBe("get_user/{id}");
    expect(routeTemplate("users/ann%40example.com")).toBe("users/{id}");
    expect(routeTemplate("teams/9f1c2d3e-aaaa-bbbb-cccc-1234567890ab/members")).toBe("teams/{id}/members");
  });

  it("hides a login even when it reads like a word", () => {
    expect(routeTemplate("users/login/jdoe/teams")).toBe("users/login/{id}/teams");
  });
});
