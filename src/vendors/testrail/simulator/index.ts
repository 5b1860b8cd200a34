import type { SimResponse } from "../../../simulator/router.js";
import { createSimServer, type SimServer } from "../../../simulator/sim-server.js";
import type { SimulatorOptions } from "../../vendor-module.js";
import { testRailAuthenticator } from "./auth.js";
import { type TestRailSimSettings, testRailReadRoutes } from "./routes.js";
import { seedTestRail, type TestRailState } from "./state.js";
import { TestRailViews } from "./views.js";
import { testRailWriteRoutes } from "./write-routes.js";

/** Every TestRail error is `{"error": "..."}` (REFERENCE §5.3). */
export function testRailErrorBody(status: number, message: string): SimResponse {
  return { status, body: { error: message } };
}

const API_PREFIX = "/api/v2/";

/**
 * TestRail's route is the query string: `/index.php?/api/v2/get_users/3&limit=250&offset=0` is
 * method `get_users/3` with `limit` and `offset` (REFERENCE §5.1). Anything else keeps its path,
 * which no route matches.
 */
export function resolveTestRailUrl(url: URL): { path: string; query: URLSearchParams } {
  const raw = url.search.slice(1);
  if (!url.pathname.endsWith("/index.php") || !raw.startsWith(API_PREFIX))
    return { path: url.pathname, query: new URLSearchParams() };
  const amp = raw.indexOf("&");
  const method = amp < 0 ? raw : raw.slice(0, amp);
  return {
    path: `/${method.slice(API_PREFIX.length)}`,
    query: new URLSearchParams(amp < 0 ? "" : raw.slice(amp + 1)),
  };
}

export interface TestRailSimulatorOptions extends SimulatorOptions {
  readonly legacyUserArrays?: boolean;
}

export interface TestRailSimulator extends SimServer {
  readonly state: TestRailState;
  /** Switchable while running. */
  readonly settings: TestRailSimSettings;
}

export function createTestRailSimulator(options: TestRailSimulatorOptions = {}): TestRailSimulator {
  const state = seedTestRail(options.users ?? 60);
  const views = new TestRailViews(state);
  const settings: TestRailSimSettings = {
    legacyUserArrays: options.legacyUserArrays ?? false,
    loseWriteAnswers: 0,
  };
  const server = createSimServer({
    name: "TestRail",
    router: testRailWriteRoutes(state, views, settings, testRailReadRoutes(state, views, settings)),
    resolve: resolveTestRailUrl,
    authenticate: testRailAuthenticator(state, views, testRailErrorBody),
    errorBody: testRailErrorBody,
  });
  return Object.assign(server, { state, settings });
}
