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

  it("refuses credentials inside a base URL", () => {
    expect(problems({ sources: [{ ...squash, baseUrl: "https://admin:pw@squash.example.com" }] })[0]).toMatch(
      /baseUrl: must not carry credentials/,
    );
  });

  it("reads secrets from ${ENV_VAR}, with ${VAR:-fallback}, and names the key of a missing one", () => {
    const raw = {
      sources: [{ ...squash, auth: { username: "${SQ_USER:-admin}", password: "${SQ_PASSWORD}" } }],
    };
    const config = parseConfig(raw, { SQ_PASSWORD: "from-env" });
    expect(config.sources[0]).toMatchObject({ auth: { username: "admin", password: "from-env" } });
    expect(problems(raw, {})).toEqual([
      "sources[0].auth.password: environment variable SQ_PASSWORD is not set",
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
