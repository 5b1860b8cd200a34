import { describe, expect, it } from "vitest";
import { apiBaseUrl } from "../../src/vendors/source-basics.js";

describe("a source's API base from the baseUrl a person configured", () => {
  /** A vendor whose API lives at /rest/service/api/v1, of which /rest/service may be copied too. */
  const tool = (url: string) => apiBaseUrl(url, "/rest/service/api/v1", ["/rest/service"]);

  it("adds the vendor's API path to the instance root, with or without a trailing slash", () => {
    expect(tool("https://tool.example.com")).toBe("https://tool.example.com/rest/service/api/v1/");
    expect(tool("https://tool.example.com/")).toBe("https://tool.example.com/rest/service/api/v1/");
  });

  it("keeps working when the URL already holds the API path or an accepted part of it", () => {
    for (const url of [
      "https://tool.example.com/rest/service",
      "https://tool.example.com/rest/service/",
      "https://tool.example.com/rest/service/api/v1",
      "https://tool.example.com/rest/service/api/v1/",
    ])
      expect(tool(url), url).toBe("https://tool.example.com/rest/service/api/v1/");
  });

  it("keeps an on-premise server's own path in front of the API path", () => {
    expect(tool("https://intranet.example.com/tool")).toBe(
      "https://intranet.example.com/tool/rest/service/api/v1/",
    );
    expect(apiBaseUrl("https://intranet.example.com/other", "/api/rest/latest")).toBe(
      "https://intranet.example.com/other/api/rest/latest/",
    );
  });

  it("recognises only the whole API path, so a server living under /api keeps it", () => {
    expect(apiBaseUrl("https://example.com/api", "/api/rest/latest")).toBe(
      "https://example.com/api/api/rest/latest/",
    );
  });

  it("takes an API path that carries a query (a route in the query string: index.php?/api/v2)", () => {
    expect(apiBaseUrl("https://x.example.io/index.php?/api/v2/", "/index.php?/api/v2")).toBe(
      "https://x.example.io/index.php?/api/v2/",
    );
    expect(apiBaseUrl("https://x.example.io", "/index.php?/api/v2")).toBe(
      "https://x.example.io/index.php?/api/v2/",
    );
  });

  it("resolves a root API path to the root itself", () => {
    expect(apiBaseUrl("https://tool.example.com/", "")).toBe("https://tool.example.com/");
  });
});
