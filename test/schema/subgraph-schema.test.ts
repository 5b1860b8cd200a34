import { readFile } from "node:fs/promises";
import { type GraphQLUnionType, isIntrospectionType, isObjectType, printType } from "graphql";
import { describe, expect, it } from "vitest";
import { rollcallSchema } from "../../src/schema/build-schema.js";
import { ENTITY_KEYS } from "../../src/schema/federation/entity-keys.js";
import { rollcallSubgraphSchema } from "../../src/schema/federation/subgraph-schema.js";
import { printRollcallSubgraphSchema, SUBGRAPH_SCHEMA_FILE } from "../../src/schema/print-schema.js";

describe("the subgraph schema", () => {
  it(`stays equal to the committed ${SUBGRAPH_SCHEMA_FILE} (run \`npm run schema:emit\`)`, async () => {
    const committed = await readFile(new URL(`../../${SUBGRAPH_SCHEMA_FILE}`, import.meta.url), "utf8");
    expect(committed).toBe(await printRollcallSubgraphSchema());
  });

  it("is the standalone schema, type for type and resolver for resolver, plus _service and _entities", async () => {
    const standalone = await rollcallSchema();
    const subgraph = await rollcallSubgraphSchema();
    for (const type of Object.values(standalone.getTypeMap())) {
      if (isIntrospectionType(type) || type.name === "Query") continue;
      const twin = subgraph.getType(type.name);
      expect(twin && printType(twin), type.name).toBe(printType(type));
      // What executes: object types' field resolvers (an interface's fields never run).
      if (isObjectType(type) && isObjectType(twin)) {
        const fields = twin.getFields();
        for (const field of Object.values(type.getFields()))
          expect(fields[field.name]?.resolve, `${type.name}.${field.name}`).toBe(field.resolve);
      }
    }
    const queries = subgraph.getQueryType()!.getFields();
    const standaloneQueries = standalone.getQueryType()!.getFields();
    expect(Object.keys(queries).sort()).toEqual(
      [...Object.keys(standaloneQueries), "_entities", "_service"].sort(),
    );
    for (const [name, field] of Object.entries(standaloneQueries))
      expect(queries[name]?.resolve, `Query.${name}`).toBe(field.resolve);
  });

  it("unites exactly the keyed entities in _Entity", async () => {
    const union = (await rollcallSubgraphSchema()).getType("_Entity") as GraphQLUnionType;
    expect(
      union
        .getTypes()
        .map((t) => t.name)
        .sort(),
    ).toEqual(Object.keys(ENTITY_KEYS).sort());
  });
});
