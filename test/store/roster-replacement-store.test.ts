import { describe } from "vitest";
import { postgresTarget, sqliteTarget } from "../support/store-targets.js";
import { rosterReplacementSpecs } from "./roster-replacement.spec-suite.js";

describe("replacing the roster on the embedded store (SQLite, libsql)", () => {
  rosterReplacementSpecs(sqliteTarget());
});

describe("replacing the roster on PostgreSQL", () => {
  rosterReplacementSpecs(postgresTarget());
});
