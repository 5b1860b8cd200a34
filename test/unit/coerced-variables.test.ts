import { buildSchema, getOperationAST, parse } from "graphql";
import { describe, expect, it } from "vitest";
import { coerceVariables } from "../../src/server/coerced-variables.js";

const schema = buildSchema(`type Query { hello(name: String!, times: Int = 2): String }`);
const operation = getOperationAST(
  parse(`query Q($name: String!, $times: Int = 2) { hello(name: $name, times: $times) }`),
);
if (!operation) throw new Error("no operation");

describe("coerceVariables", () => {
  it("coerces a request's variables with their defaults, or names the bad one", () => {
    expect(coerceVariables(schema, operation, { name: "ada" })).toEqual({
      coerced: { name: "ada", times: 2 },
    });
    const bad = coerceVariables(schema, operation, { name: 3, times: "x" });
    expect(bad.errors?.map((e) => e.message).join(" ")).toMatch(/\$name|\$times/);
  });

  it("works a request's variables out once for the bounds plugin and the executor", () => {
    const variables = { name: "ada" };
    const first = coerceVariables(schema, operation, variables);
    expect(coerceVariables(schema, operation, variables)).toBe(first);
    // Another request's variables (another object, equal or not) are coerced for themselves.
    expect(coerceVariables(schema, operation, { name: "ada" })).not.toBe(first);
  });
});
