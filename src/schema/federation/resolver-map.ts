import type { GraphQLResolverMap } from "@apollo/subgraph/dist/schema-helper/resolverMap.js";
import {
  type GraphQLSchema,
  isAbstractType,
  isEnumType,
  isIntrospectionType,
  isObjectType,
  isScalarType,
  isSpecifiedScalarType,
} from "graphql";
import type { RequestContext } from "../../loaders/request-context.js";

type Resolvers = GraphQLResolverMap<RequestContext>;
type TypeResolvers = Resolvers[string];

/**
 * Everything of the executable schema that is not its SDL: every field's resolver, every abstract
 * type's `resolveType`, every object type's `isTypeOf`, the custom scalars' coercion and the enums'
 * internal values — so a schema built again from the printed SDL (the subgraph's) runs exactly as
 * this one does: type-graphql's resolvers, and the adjustments build-schema.ts made to them.
 */
export function resolverMapOf(schema: GraphQLSchema): Resolvers {
  const map: Resolvers = {};
  for (const type of Object.values(schema.getTypeMap())) {
    if (isIntrospectionType(type)) continue;
    if (isObjectType(type)) {
      const fields: Record<string, unknown> = {};
      for (const field of Object.values(type.getFields()))
        if (field.resolve) fields[field.name] = field.resolve;
      if (type.isTypeOf) fields.__isTypeOf = type.isTypeOf;
      if (Object.keys(fields).length > 0) map[type.name] = fields as TypeResolvers;
    } else if (isAbstractType(type)) {
      if (type.resolveType) map[type.name] = { __resolveType: type.resolveType } as unknown as TypeResolvers;
    } else if (isScalarType(type)) {
      if (isSpecifiedScalarType(type)) continue;
      const { serialize, parseValue, parseLiteral } = type;
      map[type.name] = { serialize, parseValue, parseLiteral } as unknown as TypeResolvers;
    } else if (isEnumType(type)) {
      map[type.name] = Object.fromEntries(
        type.getValues().map((value) => [value.name, value.value as string | number]),
      );
    }
  }
  return map;
}
