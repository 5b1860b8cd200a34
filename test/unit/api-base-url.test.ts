import { describe, expect, it } from "vitest";
import { apiBaseUrl } from "../../src/vendors/source-basics.js";

describe("a source's API base from the baseUrl a person configured", () => {
  const qac = (url: string) => apiBaseUrl(url, "/rest-api/service/api/v1", ["/rest-api/service"]);

  it("adds the vendor's API path to the instance root, with or without a trailing slash", () => {
    expect(qac("https://rest.qacomplete.smartbear.com")).toBe(
      "https://rest.qacomplete.smartbear.com/rest-api/service/api/v1/",
    );
    expect(qac("https://rest.qacomplete.smartbear.com/")).toBe(
      "https://rest.qacomplete.smartbear.com/rest-api/service/api/v1/",
    );
  });

  it("keeps working when the URL already holds the API path or an accepted part of it", () => {
    for (const url of [
      "https://qac.example.com/rest-api/service",
      "https://qac.example.com/rest-api/service/",
      "https://qac.example.com/rest-api/service/api/v1",
      "https://qac.example.com/rest-api/service/api/v1/",
    ])
      expect(qac(url), url).toBe("https://qac.example.com/rest-api/service/api/v1/");
  });

  it("keeps an on-premise server's own path in front of the API path", () => {
    expect(qac("https://intranet.example.com/qac")).toBe(
      "https://intranet.example.com/qac/rest-api/service/api/v1/",
    );
    expect(apiBaseUrl("https://squash.example.com/squash", "/api/rest/latest")).toBe(
      "https://squash.example.com/squash/api/rest/latest/",
    );
  });

  it("recognises only the whole API path, so a server living under /api keeps it", () => {
    expect(apiBaseUrl("https://example.com/api", "/api/rest/latest")).toBe(
      "https://example.com/api/api/rest/latest/",
    );
  });

  it("takes an API path that carries a query (TestRail's index.php?/api/v2)", () => {
    expect(apiBaseUrl("https://x.testrail.io/index.php?/api/v2/", "/index.php?/api/v2")).toBe(
      "https://x.testrail.io/index.php?/api/v2/",
    );
    expect(apiBaseUrl("https://x.testrail.io", "/index.php?/api/v2")).toBe(
      "https://x.testrail.io/index.php?/api/v2/",
    );
  });

  it("resolves a root API path to the root itself", () => {
    expect(apiBaseUrl("https://qtest.example.com/", "")).toBe("https://qtest.example.com/");
  });
});
