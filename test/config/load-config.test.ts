import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { loadConfigFile, parseConfig } from "../../src/config/load-config.js";
import { vendors } from "../../src/vendors/registry.js";
import { configProblems } from "../support/config-problems.js";
import { anyVendor } from "../support/pick-vendor.js";

/** A source entry of any vendor: what is checked here is the same whatever the vendor. */
const entry = (id: string, baseUrl = "https://tool.example.com/tool") =>
  anyVendor().simulator.demoSource(baseUrl, id) as { auth: Record<string, string> } & Record<string, unknown>;
const source = entry("src");
/** A key of the vendor's auth that holds a secret (not the account's name). */
const secretKey = Object.keys(source.auth).find((k) => k !== "username" && k !== "email") as string;

const problems = configProblems;

describe("configuration", () => {
  it("accepts a minimal source and fills in defaults", () => {
    const config = parseConfig({ sources: [source] }, {});
    expect(config.server).toMatchObject({ port: 4000, graphiql: true, maxPageSize: 1000 });
    expect(config.sources[0]).toMatchObject({
      id: "src",
      timeoutMs: 10_000,
      retries: 2,
      maxConcurrency: 64,
    });
  });

  it("bounds a stop at 25 s by default, below Kubernetes' 30 s grace, and takes only a positive whole number of ms", () => {
    expect(parseConfig({ sources: [source] }, {}).server.stopTimeoutMs).toBe(25_000);
    expect(parseConfig({ server: { stopTimeoutMs: 8000 }, sources: [source] }, {}).server.stopTimeoutMs).toBe(
      8000,
    );
    expect(problems({ server: { stopTimeoutMs: 0 }, sources: [source] })).toEqual([
      "server.stopTimeoutMs: Too small: expected number to be >0",
    ]);
    expect(problems({ server: { stopTimeoutMs: 2.5 }, sources: [source] })).toEqual([
      "server.stopTimeoutMs: Invalid input: expected int, received number",
    ]);
  });

  it("names the source and key of a missing credential", () => {
    const [problem] = problems({ sources: [{ ...source, auth: undefined }] });
    expect(problem).toMatch(/^sources\[0\] \(id "src"\)\.auth: /);
  });

  it("lists the supported kinds when a kind is unknown", () => {
    const [problem] = problems({ sources: [{ ...source, kind: "no-such-kind" }] });
    expect(problem).toMatch(/^sources\[0\].*kind/);
    expect(problem).toContain(vendors.map((v) => v.kind).join(" | "));
  });

  it("rejects ids that can't be part of a global ID, and duplicate ids", () => {
    expect(problems({ sources: [{ ...source, id: "Some Tool" }] })[0]).toMatch(
      /sources\[0\].*\.id: must match/,
    );
    expect(problems({ sources: [source, source] })).toEqual([
      'sources[1] (id "src").id: duplicates sources[0].id "src"',
    ]);
  });

  it("rejects the id the audit trail files Rollcall's own records under (the staff roster's events)", () => {
    expect(problems({ sources: [{ ...source, id: "rollcall" }] })[0]).toMatch(
      /sources\[0\].*\.id: is reserved: the audit trail files Rollcall's own records/,
    );
  });

  it("rejects unknown keys instead of ignoring a typo", () => {
    expect(problems({ sources: [{ ...source, timeoutMS: 5 }] })[0]).toBe(
      'sources[0] (id "src"): unknown key(s) timeoutMS',
    );
    expect(problems({ sources: [source], sever: {} })[0]).toBe("(root): unknown key(s) sever");
  });

  describe("a baseUrl that is not a usable URL names its key and says what is wrong", () => {
    const others = [source, { ...source, id: "src-2" }];
    const problemOf = (baseUrl: unknown) =>
      problems({ sources: [...others, { ...entry("third"), baseUrl }] });

    it.each([
      ["no scheme", "tool.example.com", "has no scheme: expected the instance's root URL"],
      ["host and port only", "localhost:4000", "has no scheme"],
      ["a scheme without //", "http:tool.example.com", "has no scheme"],
      ["a protocol-relative URL", "//tool.example.com", "has no scheme"],
      ["garbage", "not a url", "has no scheme"],
      ["ftp:", "ftp://tool.example.com", "uses ftp://, expected http:// or https://"],
      ["empty", "", "is empty: expected the instance's root URL"],
      ["blank", "   ", "is empty"],
      ["a scheme and nothing else", "https://", "is not a valid URL"],
      ["a space in the host", "https://tool example.com", "is not a valid URL"],
      ["a query", "https://tool.example.com/?dept=1", "must not have a query"],
      ["a number", 8080, "must be a string"],
      ["missing", undefined, "is required"],
    ])("%s", (_case, baseUrl, message) => {
      const found = problemOf(baseUrl);
      expect(found).toHaveLength(1);
      expect(found[0]).toMatch(/^sources\[2\] \(id "third"\)\.baseUrl: /);
      expect(found[0]).toContain(message);
    });

    it("refuses credentials inside a base URL, without repeating them", () => {
      const [found] = problemOf("https://admin:pw@tool.example.com");
      expect(found).toBe('sources[2] (id "third").baseUrl: must not carry credentials; use auth');
      // Without a scheme, `admin:pw@host` parses as a URL of scheme "admin:": the message still hides it.
      expect(problemOf("admin:pw@tool.example.com")[0]).not.toContain("pw");
    });

    it("accepts http and https roots and drops a trailing slash", () => {
      const config = parseConfig(
        { sources: [{ ...entry("third"), baseUrl: "HTTP://127.0.0.1:8080/tool/" }] },
        {},
      );
      expect(config.sources[0]?.baseUrl).toBe("HTTP://127.0.0.1:8080/tool");
    });
  });

  it("reads secrets from ${ENV_VAR}, with ${VAR:-fallback}, and names the source and key of a missing one", () => {
    const raw = {
      sources: [
        {
          ...source,
          baseUrl: "${SRC_URL:-https://tool.example.com}",
          auth: { ...source.auth, [secretKey]: "${SRC_SECRET}" },
        },
      ],
    };
    const config = parseConfig(raw, { SRC_SECRET: "from-env" });
    expect(config.sources[0]).toMatchObject({
      baseUrl: "https://tool.example.com",
      auth: { [secretKey]: "from-env" },
    });
    expect(problems(raw, {})).toEqual([
      `sources[0] (id "src").auth.${secretKey}: environment variable SRC_SECRET is not set`,
    ]);
    // An empty variable is as good as unset (a secret that expands to nothing is a mistake).
    expect(problems(raw, { SRC_SECRET: "" })).toHaveLength(1);
  });

  it("reports every missing environment variable at once, with the schema's other problems", () => {
    const raw = {
      server: { port: "${PORT_NUMBER}", maxPageSize: -1 },
      sources: [
        { ...source, baseUrl: "${SRC_URL}", auth: { ...source.auth, [secretKey]: "${SRC_TOKEN}" } },
        {
          ...entry("other"),
          baseUrl: "${OTHER_HOST}/tool",
          auth: { ...source.auth, [secretKey]: "${OTHER_SECRET}${OTHER_PEPPER}" },
        },
        { ...source, id: "src-2", timeoutMs: 0 },
      ],
    };
    expect(problems(raw, { OTHER_USER: "john" })).toEqual([
      "server.port: environment variable PORT_NUMBER is not set",
      'sources[0] (id "src").baseUrl: environment variable SRC_URL is not set',
      `sources[0] (id "src").auth.${secretKey}: environment variable SRC_TOKEN is not set`,
      'sources[1] (id "other").baseUrl: environment variable OTHER_HOST is not set',
      `sources[1] (id "other").auth.${secretKey}: environment variable OTHER_SECRET is not set`,
      `sources[1] (id "other").auth.${secretKey}: environment variable OTHER_PEPPER is not set`,
      // The rest of the schema is still checked; the keys above are not reported a second time.
      "server.maxPageSize: Too small: expected number to be >0",
      'sources[2] (id "src-2").timeoutMs: Too small: expected number to be >0',
    ]);
  });

  it("loads YAML and JSON files", async () => {
    const dir = await mkdtemp(join(tmpdir(), "rollcall-config-"));
    const yamlPath = join(dir, "rollcall.yaml");
    await writeFile(
      yamlPath,
      `server: { port: 4100 }\n${stringify({ sources: [{ ...source, auth: { ...source.auth, [secretKey]: "${TOKEN}" } }] })}`,
    );
    const fromYaml = await loadConfigFile(yamlPath, { TOKEN: "t0k3n" });
    expect(fromYaml.server.port).toBe(4100);
    expect(fromYaml.sources[0]).toMatchObject({ auth: { [secretKey]: "t0k3n" } });
    const jsonPath = join(dir, "rollcall.json");
    await writeFile(jsonPath, JSON.stringify({ sources: [source] }));
    expect((await loadConfigFile(jsonPath, {})).sources).toHaveLength(1);
    await expect(loadConfigFile(join(dir, "missing.yaml"), {})).rejects.toThrow(/cannot read config file/);
  });
});
