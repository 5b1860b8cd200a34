import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfigFile, parseConfig } from "../../src/config/load-config.js";

const squash = {
  id: "squash",
  kind: "squash-tm",
  baseUrl: "https://squash.example.com/squash",
  auth: { username: "admin", password: "pw" },
};

function problems(raw: unknown, env: NodeJS.ProcessEnv = {}): string[] {
  try {
    parseConfig(raw, env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error("config was accepted");
}

describe("configuration", () => {
  it("accepts a minimal source and fills in defaults", () => {
    const config = parseConfig({ sources: [squash] }, {});
    expect(config.server).toMatchObject({ port: 4000, graphiql: true, maxPageSize: 1000 });
    expect(config.sources[0]).toMatchObject({
      id: "squash",
      timeoutMs: 10_000,
      retries: 2,
      maxConcurrency: 64,
    });
  });

  it("names the source and key of a missing credential", () => {
    const [problem] = problems({ sources: [{ ...squash, auth: undefined }] });
    expect(problem).toMatch(/^sources\[0\] \(id "squash"\)\.auth: /);
  });

  it("lists the supported kinds when a kind is unknown", () => {
    expect(problems({ sources: [{ ...squash, kind: "jira" }] })[0]).toMatch(/sources\[0\].*kind.*squash-tm/);
  });

  it("rejects ids that can't be part of a global ID, and duplicate ids", () => {
    expect(problems({ sources: [{ ...squash, id: "Squash TM" }] })[0]).toMatch(
      /sources\[0\].*\.id: must match/,
    );
    expect(problems({ sources: [squash, squash] })).toEqual([
      'sources[1] (id "squash").id: duplicates sources[0].id "squash"',
    ]);
  });

  it("rejects unknown keys instead of ignoring a typo", () => {
    expect(problems({ sources: [{ ...squash, timeoutMS: 5 }] })[0]).toBe(
      'sources[0] (id "squash"): unknown key(s) timeoutMS',
    );
    expect(problems({ sources: [squash], sever: {} })[0]).toBe("(root): unknown key(s) sever");
  });

  describe("a baseUrl that is not a usable URL names its key and says what is wrong", () => {
    const qac = { id: "qac", kind: "qacomplete", departmentId: 8162, auth: { username: "a", password: "b" } };
    const others = [squash, { ...squash, id: "squash-2" }];
    const problemOf = (baseUrl: unknown) => problems({ sources: [...others, { ...qac, baseUrl }] });

    it.each([
      ["no scheme", "qac.example.com", "has no scheme: expected the instance's root URL"],
      ["host and port only", "localhost:4000", "has no scheme"],
      ["a scheme without //", "http:qac.example.com", "has no scheme"],
      ["a protocol-relative URL", "//qac.example.com", "has no scheme"],
      ["garbage", "not a url", "has no scheme"],
      ["ftp:", "ftp://qac.example.com", "uses ftp://, expected http:// or https://"],
      ["empty", "", "is empty: expected the instance's root URL"],
      ["blank", "   ", "is empty"],
      ["a scheme and nothing else", "https://", "is not a valid URL"],
      ["a space in the host", "https://qac example.com", "is not a valid URL"],
      ["a query", "https://qac.example.com/?dept=1", "must not have a query"],
      ["a number", 8080, "must be a string"],
      ["missing", undefined, "is required"],
    ])("%s", (_case, baseUrl, message) => {
      const found = problemOf(baseUrl);
      expect(found).toHaveLength(1);
      expect(found[0]).toMatch(/^sources\[2\] \(id "qac"\)\.baseUrl: /);
      expect(found[0]).toContain(message);
    });

    it("refuses credentials inside a base URL, without repeating them", () => {
      const [found] = problemOf("https://admin:pw@qac.example.com");
      expect(found).toBe('sources[2] (id "qac").baseUrl: must not carry credentials; use auth');
      // Without a scheme, `admin:pw@host` parses as a URL of scheme "admin:": the message still hides it.
      expect(problemOf("admin:pw@qac.example.com")[0]).not.toContain("pw");
    });

    it("accepts http and https roots and drops a trailing slash", () => {
      const config = parseConfig(
        { sources: [{ ...qac, baseUrl: "HTTP://127.0.0.1:8080/rest-api/service/" }] },
        {},
      );
      expect(config.sources[0]?.baseUrl).toBe("HTTP://127.0.0.1:8080/rest-api/service");
    });
  });

  it("reads secrets from ${ENV_VAR}, with ${VAR:-fallback}, and names the source and key of a missing one", () => {
    const raw = {
      sources: [{ ...squash, auth: { username: "${SQ_USER:-admin}", password: "${SQ_PASSWORD}" } }],
    };
    const config = parseConfig(raw, { SQ_PASSWORD: "from-env" });
    expect(config.sources[0]).toMatchObject({ auth: { username: "admin", password: "from-env" } });
    expect(problems(raw, {})).toEqual([
      'sources[0] (id "squash").auth.password: environment variable SQ_PASSWORD is not set',
    ]);
    // An empty variable is as good as unset (a secret that expands to nothing is a mistake).
    expect(problems(raw, { SQ_PASSWORD: "" })).toHaveLength(1);
  });

  it("reports every missing environment variable at once, with the schema's other problems", () => {
    const raw = {
      server: { port: "${PORT_NUMBER}", maxPageSize: -1 },
      sources: [
        { ...squash, baseUrl: "${SQUASH_URL}", auth: { token: "${SQUASH_TOKEN}" } },
        {
          id: "qac",
          kind: "qacomplete",
          baseUrl: "${QAC_HOST}/rest-api/service",
          departmentId: 8162,
          auth: { username: "${QAC_USER}@example.com", password: "${QAC_PASSWORD}${QAC_PEPPER}" },
        },
        { ...squash, id: "squash-2", timeoutMs: 0 },
      ],
    };
    expect(problems(raw, { QAC_USER: "john" })).toEqual([
      "server.port: environment variable PORT_NUMBER is not set",
      'sources[0] (id "squash").baseUrl: environment variable SQUASH_URL is not set',
      'sources[0] (id "squash").auth.token: environment variable SQUASH_TOKEN is not set',
      'sources[1] (id "qac").baseUrl: environment variable QAC_HOST is not set',
      'sources[1] (id "qac").auth.password: environment variable QAC_PASSWORD is not set',
      'sources[1] (id "qac").auth.password: environment variable QAC_PEPPER is not set',
      // The rest of the schema is still checked; the keys above are not reported a second time.
      "server.maxPageSize: Too small: expected number to be >0",
      'sources[2] (id "squash-2").timeoutMs: Too small: expected number to be >0',
    ]);
  });

  it("loads YAML and JSON files", async () => {
    const dir = await mkdtemp(join(tmpdir(), "rollcall-config-"));
    const yamlPath = join(dir, "rollcall.yaml");
    await writeFile(
      yamlPath,
      `server: { port: 4100 }\nsources:\n  - id: squash\n    kind: squash-tm\n    baseUrl: https://squash.example.com/squash\n    auth: { token: "\${TOKEN}" }\n`,
    );
    const fromYaml = await loadConfigFile(yamlPath, { TOKEN: "t0k3n" });
    expect(fromYaml.server.port).toBe(4100);
    expect(fromYaml.sources[0]).toMatchObject({ auth: { token: "t0k3n" } });
    const jsonPath = join(dir, "rollcall.json");
    await writeFile(jsonPath, JSON.stringify({ sources: [squash] }));
    expect((await loadConfigFile(jsonPath, {})).sources).toHaveLength(1);
    await expect(loadConfigFile(join(dir, "missing.yaml"), {})).rejects.toThrow(/cannot read config file/);
  });
});
