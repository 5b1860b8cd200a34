import type { SimRequest, SimResponse } from "../../../simulator/router.js";
import { createSimServer, type SimServer } from "../../../simulator/sim-server.js";
import type { SimulatorOptions } from "../../vendor-module.js";
import { testRailAuthenticator } from "./auth.js";
import { contentTypeRefusal } from "./request-rules.js";
import { type TestRailSimSettings, testRailReadRoutes } from "./routes.js";
import { seedTestRail, type TestRailState } from "./state.js";
import { TestRailViews } from "./views.js";
import { testRailWriteRoutes } from "./write-routes.js";

/** Every TestRail error is `{"error": "..."}` (REFERENCE §5.3). */
export function testRailErrorBody(status: number, message: string): SimResponse {
  return { status, body: { error: message } };
}

/** TestRail's refusal of a body field: `Field :<name> …` (REFERENCE §5.3, `Field :case_id is not
 *  a valid test case.`). */
function testRailFieldRefusal(property: string): SimResponse {
  return testRailErrorBody(400, `Field :${property} is not a valid value.`);
}

const API_PREFIX = "/api/v2/";

/**
 * TestRail's route is the query string: `<root>/index.php?/api/v2/get_users/3&limit=250&offset=0`
 * is method `get_users/3` with `limit` and `offset` (REFERENCE §5.1). `root` is the instance's own
 * path ("" on Cloud, "/testrail" for an on-premise server installed there). Anything else keeps its
 * path, which no route matches.
 */
export function resolveTestRailUrl(url: URL, root = ""): { path: string; query: URLSearchParams } {
  const raw = url.search.slice(1);
  if (url.pathname !== `${root}/index.php` || !raw.startsWith(API_PREFIX))
    return { path: url.pathname, query: new URLSearchParams() };
  const amp = raw.indexOf("&");
  const method = amp < 0 ? raw : raw.slice(0, amp);
  return {
    path: `/${method.slice(API_PREFIX.length)}`,
    query: new URLSearchParams(amp < 0 ? "" : raw.slice(amp + 1)),
  };
}

/** The first scripted refusal for this request's route, taken off the list. */
function scriptedError(settings: TestRailSimSettings, request: SimRequest): SimResponse | null {
  const route = `${request.method} ${request.path}`;
  const at = settings.scriptedErrors.findIndex((e) => e.route === route);
  if (at < 0) return null;
  const [scripted] = settings.scriptedErrors.splice(at, 1);
  return scripted ? testRailErrorBody(scripted.status, scripted.error) : null;
}

export interface TestRailSimulatorOptions extends SimulatorOptions {
  readonly legacyUserArrays?: boolean;
  /** The instance's path below the host, as an on-premise server has ("/testrail"); "" on Cloud. */
  readonly rootPath?: string;
  /** Whether `get_roles` lists a role named "No Access" (the default), or the instance has none. */
  readonly listNoAccessRole?: boolean;
}

export interface TestRailSimulator extends SimServer {
  readonly state: TestRailState;
  /** Switchable while running. */
  readonly settings: TestRailSimSettings;
}

export function createTestRailSimulator(options: TestRailSimulatorOptions = {}): TestRailSimulator {
  const state = seedTestRail(options.users ?? 60);
  const views = new TestRailViews(state);
  const rootPath = options.rootPath ?? "";
  const settings: TestRailSimSettings = {
    rootPath,
    legacyUserArrays: options.legacyUserArrays ?? false,
    listNoAccessRole: options.listNoAccessRole ?? true,
    unknownEmailStatus: 400,
    userFields: "7.3",
    groupUserIds: "everywhere",
    scriptedErrors: [],
  };
  const authenticate = testRailAuthenticator(state, views, testRailErrorBody);
  const server = createSimServer({
    name: "TestRail",
    router: testRailWriteRoutes(state, views, settings, testRailReadRoutes(state, views, settings)),
    rootPath,
    resolve: (url) => resolveTestRailUrl(url, rootPath),
    // Every request, read or write, with a body or without, must say it is JSON (REFERENCE §5.1).
    authenticate: (request) =>
      scriptedError(settings, request) ??
      contentTypeRefusal(request, testRailErrorBody) ??
      authenticate(request),
    errorBody: testRailErrorBody,
    fieldRefusal: testRailFieldRefusal,
  });
  return Object.assign(server, { state, settings });
}
