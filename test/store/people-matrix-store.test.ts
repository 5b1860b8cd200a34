import { describe } from "vitest";
import { postgresTarget, sqliteTarget } from "../support/store-targets.js";
import { peopleMatrixSpecs } from "./people-matrix.spec-suite.js";

describe("the people matrix on the embedded store (SQLite, libsql)", () => {
  peopleMatrixSpecs(sqliteTarget());
});

describe("the people matrix on PostgreSQL", () => {
  peopleMatrixSpecs(postgresTarget());
});
