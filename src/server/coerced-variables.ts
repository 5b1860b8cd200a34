import { type GraphQLSchema, getVariableValues, type OperationDefinitionNode } from "graphql";

type Coercion = ReturnType<typeof getVariableValues>;

/** Per request, by the variables object Apollo hands both the plugins and the executor. */
const byRequest = new WeakMap<object, { operation: OperationDefinitionNode; coercion: Coercion }>();

/**
 * An operation's variables as graphql-js coerces them (defaults applied), or its errors, which
 * name the variable's definition (so Apollo reports BAD_USER_INPUT). Worked out once per request:
 * the bounds plugin estimates with the values, and the executor refuses bad ones, from the same
 * coercion.
 */
export function coerceVariables(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
): Coercion {
  const definitions = operation.variableDefinitions ?? [];
  if (definitions.length === 0) return { coerced: {} };
  const known = variables && byRequest.get(variables);
  if (known?.operation === operation) return known.coercion;
  const coercion = getVariableValues(schema, definitions, variables ?? {});
  if (variables) byRequest.set(variables, { operation, coercion });
  return coercion;
}
