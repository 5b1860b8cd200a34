import { buildSchema, type DocumentNode, type GraphQLObjectType, getOperationAST, parse } from "graphql";
import { describe, expect, it, vi } from "vitest";

const compiles = vi.hoisted(() => ({ count: 0, fail: false }));
vi.mock("graphql-jit", async (importOriginal) => {
  const jit = await importOriginal<typeof import("graphql-jit")>();
  return {
    ...jit,
    compileQuery: (...args: Parameters<typeof jit.compileQuery>) => {
      compiles.count += 1;
      if (compiles.fail) throw new Error("graphql-jit could not compile this");
      return jit.compileQuery(...args);
    },
  };
});

const { compiledExecutor, RETAINED_PER_SOURCE_CHAR } = await import("../../src/server/compiled-executor.js");

class NotFound extends Error {}

const schema = buildSchema(`type Query { hello(name: String!): String  broken: String  slow: Int }`);
const fields = (schema.getType("Query") as GraphQLObjectType).getFields();
(fields.hello as { resolve?: unknown }).resolve = (_: unknown, args: { name: string }) =>
  `hello ${args.name}`;
(fields.broken as { resolve?: unknown }).resolve = () => {
  throw new NotFound("nothing here");
};
(fields.slow as { resolve?: unknown }).resolve = async () => 42;

async function executorOf(options: Parameters<typeof compiledExecutor>[1] = {}) {
  const gateway = compiledExecutor(schema, options);
  const { executor } = await gateway.load({
    apollo: { key: undefined, keyHash: undefined, graphRef: undefined },
  });
  if (!executor) throw new Error("the compiled executor brought no executor");
  return (document: DocumentNode, variables: Record<string, unknown> = {}, operationName?: string) =>
    executor({
      document,
      // What Apollo hands an executor: the operation it resolved, and its name (null for none).
      operation: getOperationAST(document, operationName) ?? undefined,
      operationName: getOperationAST(document, operationName)?.name?.value ?? null,
      request: { variables },
      context: {},
      logger: { warn: () => {} },
    } as never);
}

describe("the compiled executor", () => {
  it("compiles a parsed document once and reuses it for every later request", async () => {
    const execute = await executorOf();
    const document = parse(`query ($name: String!) { hello(name: $name) slow }`);
    const before = compiles.count;
    expect(await execute(document, { name: "Ada" })).toEqual({ data: { hello: "hello Ada", slow: 42 } });
    expect(await execute(document, { name: "Grace" })).toEqual({ data: { hello: "hello Grace", slow: 42 } });
    expect(compiles.count - before).toBe(1);
  });

  it("compiles each named operation of a document on its own", async () => {
    const execute = await executorOf();
    const document = parse(`query A { hello(name: "a") } query B { slow }`);
    const before = compiles.count;
    expect(await execute(document, {}, "A")).toEqual({ data: { hello: "hello a" } });
    expect(await execute(document, {}, "B")).toEqual({ data: { slow: 42 } });
    expect(await execute(document, {}, "A")).toEqual({ data: { hello: "hello a" } });
    expect(compiles.count - before).toBe(2);
  });

  it("answers a bad variable with graphql-js's error naming its definition (what Apollo calls bad input)", async () => {
    const execute = await executorOf();
    const result = await execute(parse(`query ($name: String!) { hello(name: $name) }`), {});
    expect(result.errors?.[0]?.message).toContain('Variable "$name"');
    expect(result.errors?.[0]?.nodes?.[0]?.kind).toBe("VariableDefinition");
    expect(result.data).toBeUndefined();
  });

  it("hands a resolver's error on with its path, its location and an extensions object", async () => {
    const execute = await executorOf();
    const result = await execute(parse(`{\n  hello(name: "x")\n  broken\n}`));
    expect(result.data).toEqual({ hello: "hello x", broken: null });
    const [error] = result.errors ?? [];
    expect(error?.originalError).toBeInstanceOf(NotFound);
    expect(error?.path).toEqual(["broken"]);
    expect(error?.locations).toEqual([{ line: 3, column: 3 }]);
    expect(error?.extensions).toEqual({});
  });

  it("runs a document graphql-jit fails to compile through graphql-js, and does not try it again", async () => {
    const execute = await executorOf();
    const document = parse(`query ($name: String!) { hello(name: $name) slow }`);
    compiles.fail = true;
    try {
      const before = compiles.count;
      expect(await execute(document, { name: "Ada" })).toEqual({ data: { hello: "hello Ada", slow: 42 } });
      expect(await execute(document, { name: "Bob" })).toEqual({ data: { hello: "hello Bob", slow: 42 } });
      expect(compiles.count - before).toBe(1);
    } finally {
      compiles.fail = false;
    }
  });

  it("runs only the operation Apollo resolved, and nothing when it resolved none", async () => {
    const execute = await executorOf();
    const document = parse(`query A { hello(name: "a") }`);
    // A name that matches no operation resolves none: graphql-jit once ran the only operation.
    const result = await execute(document, {}, "X");
    expect(result.data).toBeUndefined();
    expect(result.errors?.[0]?.extensions?.code).toBe("OPERATION_RESOLUTION_FAILURE");
    expect(await execute(document, {}, "A")).toEqual({ data: { hello: "hello a" } });
  });

  it("keeps compiled queries within their memory budget, compiling again what it let go", async () => {
    const a = parse(`{ hello(name: "a") slow }`);
    const b = parse(`{ hello(name: "b") slow }`);
    const { compileQuery } = await vi.importActual<typeof import("graphql-jit")>("graphql-jit");
    const generated = (
      compileQuery(schema, a, undefined, { debug: true } as never) as unknown as Record<string, string>
    ).__DO_NOT_USE_THIS_OR_YOU_WILL_BE_FIRED_compilation as string;
    // Room for one and a half compiled queries: the second document pushes the first out.
    const execute = await executorOf({
      compiledQueryCacheBytes: generated.length * RETAINED_PER_SOURCE_CHAR * 1.5,
    });
    const before = compiles.count;
    await execute(a);
    await execute(a);
    expect(compiles.count - before).toBe(1);
    await execute(b);
    await execute(a);
    expect(compiles.count - before).toBe(3);
  });

  it("sizes a compiled query by the source graphql-jit generated (its debug option still hands it back)", async () => {
    const { compileQuery } = await vi.importActual<typeof import("graphql-jit")>("graphql-jit");
    const compiled = compileQuery(schema, parse(`{ hello(name: "a") }`), undefined, {
      debug: true,
    } as never) as unknown as Record<string, unknown>;
    expect(typeof compiled.__DO_NOT_USE_THIS_OR_YOU_WILL_BE_FIRED_compilation).toBe("string");
  });
});
