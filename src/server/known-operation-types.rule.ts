import { GraphQLError, type ValidationRule } from "graphql";

/**
 * Refuses an operation whose type the schema does not serve (Rollcall has no subscriptions).
 * graphql-js 16 validates none of this and leaves it to execution, which answered a
 * `subscription` as an internal error; graphql-js 17 ships the same rule.
 */
export const KnownOperationTypesRule: ValidationRule = (context) => ({
  OperationDefinition(node) {
    const schema = context.getSchema();
    const root =
      node.operation === "query"
        ? schema.getQueryType()
        : node.operation === "mutation"
          ? schema.getMutationType()
          : schema.getSubscriptionType();
    if (!root)
      context.reportError(
        new GraphQLError(`This server does not serve ${node.operation} operations`, { nodes: node }),
      );
  },
});
