import { describe, expect, it } from "vitest";
import { TestResultsClient } from "../../../src/vendors/testresults/client.js";
import { TESTRESULTS_READ_ROUTES } from "../../../src/vendors/testresults/read-routes.js";
import { readKindsOf } from "../../support/recording-http.js";

const SOURCE = { sourceId: "tr", vendor: "TestResults.io" };

describe("the reads the shared read cache may keep (read-routes.ts)", () => {
  it("classifies the directory, project and role lists by kind, and nothing else, by the routes the client asks for", async () => {
    const kinds = await readKindsOf(TESTRESULTS_READ_ROUTES, {
      groupUsers: (http) => new TestResultsClient(http, SOURCE).groupUsers("0f8e"),
      currentCustomer: (http) => new TestResultsClient(http, SOURCE).currentCustomer(),
      currentUser: (http) => new TestResultsClient(http, SOURCE).currentUser(),
    });
    expect(kinds).toEqual({ groupUsers: "users", currentCustomer: null, currentUser: null });
  });
});
