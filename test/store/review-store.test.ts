import { describe } from "vitest";
import { postgresTarget, sqliteTarget } from "../support/store-targets.js";
import { reviewSpecs } from "./review.spec-suite.js";

describe("access reviews on the embedded store (SQLite, libsql)", () => {
  reviewSpecs(sqliteTarget());
});

describe("access reviews on PostgreSQL", () => {
  reviewSpecs(postgresTarget());
});
