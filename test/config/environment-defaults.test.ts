import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/load-config.js";
import { demoConfig } from "../../src/demo/demo-config.js";
import { configProblems } from "../support/config-problems.js";
import { anyVendor } from "../support/pick-vendor.js";

/** Any vendor's source entry: these defaults are the same whatever the vendor. */
const source = anyVendor().simulator.demoSource("https://tool.example.com", "src");
const key = { name: "dashboards", scope: "read", sha256: "a".repeat(64) };
const PRODUCTION = { NODE_ENV: "production" };

const problems = configProblems;

describe("defaults that depend on NODE_ENV", () => {
  it("outside production: introspection, GraphiQL and (without keys) anonymous reads are on, as before", () => {
    for (const env of [{}, { NODE_ENV: "development" }, { NODE_ENV: "test" }]) {
      const open = parseConfig({ sources: [source] }, env);
      expect(open.server).toMatchObject({ introspection: true, graphiql: true });
      expect(open.auth.anonymousReads).toBe(true);
      expect(parseConfig({ sources: [source], auth: { apiKeys: [key] } }, env).auth.anonymousReads).toBe(
        false,
      );
    }
  });

  it("under NODE_ENV=production: introspection, GraphiQL and anonymous reads are off", () => {
    const config = parseConfig({ sources: [source], auth: { apiKeys: [key] } }, PRODUCTION);
    expect(config.server).toMatchObject({ introspection: false, graphiql: false });
    expect(config.auth.anonymousReads).toBe(false);
  });

  it("lets the config turn each one back on explicitly, in production too", () => {
    const config = parseConfig(
      { sources: [source], server: { introspection: true, graphiql: true }, auth: { anonymousReads: true } },
      PRODUCTION,
    );
    expect(config.server).toMatchObject({ introspection: true, graphiql: true });
    expect(config.auth.anonymousReads).toBe(true);
  });

  it("lets the config turn each one off explicitly outside production", () => {
    const config = parseConfig(
      {
        sources: [source],
        server: { introspection: false, graphiql: false },
        auth: { anonymousReads: false, apiKeys: [key] },
      },
      {},
    );
    expect(config.server).toMatchObject({ introspection: false, graphiql: false });
    expect(config.auth.anonymousReads).toBe(false);
  });

  it("refuses a production config in which no request could ever be served", () => {
    expect(problems({ sources: [source] }, PRODUCTION)).toEqual([
      expect.stringMatching(
        /^auth: under NODE_ENV=production queries need credentials .*neither auth\.apiKeys nor auth\.jwt is configured/,
      ),
    ]);
    expect(problems({ sources: [source], auth: { anonymousReads: false } }, {})).toEqual([
      expect.stringMatching(/^auth: anonymousReads is false and neither auth\.apiKeys nor auth\.jwt/),
    ]);
  });

  it("keeps reads closed by default, and the config valid, when only a token issuer is configured", () => {
    const jwt = {
      issuer: "https://login.example.com",
      audience: "rollcall",
      jwksUri: "https://login.example.com/jwks",
    };
    for (const env of [PRODUCTION, {}])
      expect(parseConfig({ sources: [source], auth: { jwt } }, env).auth.anonymousReads).toBe(false);
  });

  it("keeps the demo open under NODE_ENV=production (the Docker image runs it that way)", () => {
    const demo = demoConfig({ sources: [source], simulators: new Map(), stop: async () => {} }, 4100);
    const config = parseConfig(demo.raw, PRODUCTION);
    expect(config.server).toMatchObject({ port: 4100, introspection: true, graphiql: true });
    expect(config.auth.anonymousReads).toBe(true);
  });
});
