import { SimRouter } from "../../../simulator/router.js";
import { SimHttpError } from "../../../simulator/sim-server.js";
import { callerOf, DENIED, requireManager } from "./auth.js";
import { customerJson, userJson } from "./representations.js";
import type { StoredUser, TestResultsState } from "./state.js";

/**
 * The read routes of the TestResults.io API, relative to `/api`. Lists are bare arrays with no
 * paging (REFERENCE §4.3). The writes are in `write-routes.ts`.
 */
export function testResultsReadRoutes(state: TestResultsState, router = new SimRouter()): SimRouter {
  return router
    .get("/users/current", (request) => {
      const caller = callerOf(state, request);
      if (!caller) throw new SimHttpError(401, DENIED);
      return { status: 200, body: userJson(caller, state, true) };
    })
    .get("/management/customers/current", (request) => {
      requireManager(state, request);
      return { status: 200, body: customerJson(state) };
    })
    .get("/management/customers/current/groups/:gId/users", (request) => {
      requireManager(state, request);
      const groupId = (request.params.gId ?? "").toLowerCase();
      const members = state.members.get(groupId);
      // [I] Undocumented: an unknown group id answers 404 like any missing entity.
      if (!members) throw new SimHttpError(404, "User group not found.");
      // [I] Archived users stay in their group's list, flagged `Archived: true`.
      const users = [...members]
        .map((id) => state.users.get(id))
        .filter((u): u is StoredUser => u !== undefined)
        .map((u) => userJson(u, state));
      return { status: 200, body: users };
    });
}
