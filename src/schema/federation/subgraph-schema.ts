import { buildSubgraphSchema } from "@apollo/subgraph";
import type { GraphQLSchema } from "graphql";
import { rollcallSchema } from "../build-schema.js";
import { ENTITY_KEYS } from "./entity-keys.js";
import { ENTITY_RESOLVERS } from "./entity-references.js";
import { resolverMapOf } from "./resolver-map.js";
import { subgraphTypeDefs } from "./subgraph-sdl.js";

let built: Promise<GraphQLSchema> | null = null;

/**
 * Rollcall's schema as an Apollo Federation v2 subgraph (`server.federation: true`): the standalone
 * schema with `@key`s on its entities, `_service { sdl }` and `_entities`. Built from the
 * standalone schema's SDL and resolvers (resolver-map.ts), so every field resolves as it does
 * there; each entity's reference resolves through the loaders the resolvers use.
 */
export function rollcallSubgraphSchema(): Promise<GraphQLSchema> {
  built ??= rollcallSchema().then((schema) => {
    const resolvers = resolverMapOf(schema);
    for (const type of Object.keys(ENTITY_KEYS)) {
      const resolveReference = ENTITY_RESOLVERS[type];
      if (!resolveReference) throw new Error(`entity ${type} has no reference resolver`);
      resolvers[type] = {
        ...resolvers[type],
        __resolveReference: resolveReference,
      } as (typeof resolvers)[string];
    }
    return buildSubgraphSchema([{ typeDefs: subgraphTypeDefs(schema), resolvers }]);
  });
  return built;
}
