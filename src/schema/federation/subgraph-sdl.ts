import {
  type ConstDirectiveNode,
  type DefinitionNode,
  type DocumentNode,
  type GraphQLSchema,
  Kind,
  type ObjectTypeDefinitionNode,
  parse,
  printSchema,
} from "graphql";
import { ENTITY_KEYS, FEDERATION_IMPORTS, FEDERATION_LINK } from "./entity-keys.js";

function keyDirective(fields: string): ConstDirectiveNode {
  return {
    kind: Kind.DIRECTIVE,
    name: { kind: Kind.NAME, value: "key" },
    arguments: [
      {
        kind: Kind.ARGUMENT,
        name: { kind: Kind.NAME, value: "fields" },
        value: { kind: Kind.STRING, value: fields },
      },
    ],
  };
}

/** `extend schema @link(url: …, import: ["@key"])`: what makes the SDL a Federation 2 subgraph. */
const LINK: DefinitionNode = parse(
  `extend schema @link(url: "${FEDERATION_LINK}", import: [${FEDERATION_IMPORTS.map((d) => `"${d}"`).join(", ")}])`,
).definitions[0] as DefinitionNode;

/**
 * Rollcall's schema as a subgraph's type definitions: the SDL the standalone server serves, word
 * for word, with a `@key` on each entity (entity-keys.ts) and the Federation 2 link. The keys are
 * added here rather than declared on the type-graphql classes, so the standalone schema stays
 * exactly what it was.
 */
export function subgraphTypeDefs(schema: GraphQLSchema): DocumentNode {
  const document = parse(printSchema(schema));
  const seen = new Set<string>();
  const definitions = document.definitions.map((definition) => {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION) return definition;
    const keys = ENTITY_KEYS[definition.name.value];
    if (!keys) return definition;
    seen.add(definition.name.value);
    const fields = new Set(definition.fields?.map((f) => f.name.value));
    for (const key of keys)
      if (!fields.has(key)) throw new Error(`entity ${definition.name.value} has no key field "${key}"`);
    return {
      ...definition,
      directives: [...(definition.directives ?? []), ...keys.map(keyDirective)],
    } satisfies ObjectTypeDefinitionNode;
  });
  for (const name of Object.keys(ENTITY_KEYS))
    if (!seen.has(name)) throw new Error(`entity ${name} is not an object type of the schema`);
  return { kind: Kind.DOCUMENT, definitions: [LINK, ...definitions] };
}
