import type { ApolloServerOptions, BaseContext } from "@apollo/server";
import {
  type DocumentNode,
  type ExecutionResult,
  execute,
  GraphQLError,
  type GraphQLSchema,
  getOperationAST,
  getVariableValues,
  printSchema,
} from "graphql";
import { type CompiledQuery, compileQuery, isCompiledQuery } from "graphql-jit";

/** Marks a document graphql-jit could not compile: graphql-js executes it. */
const GRAPHQL_JS = Symbol("graphql-js");

type Logger = { warn(message: string): void };

/** Apollo Server's gateway interface: where it takes a schema together with an executor. */
type ApolloGateway = NonNullable<Extract<ApolloServerOptions<BaseContext>, { gateway?: unknown }>["gateway"]>;

/**
 * graphql-jit's errors carry the resolver's error, path and locations, but no `extensions` object
 * when that error has none, where Apollo's error formatting expects one: rebuilt as graphql-js's.
 */
function asGraphQLError(error: GraphQLError): GraphQLError {
  const rebuilt = new GraphQLError(error.message, {
    path: error.path,
    originalError: error.originalError ?? undefined,
    extensions: error.extensions,
  });
  (rebuilt as { locations?: GraphQLError["locations"] }).locations = error.locations;
  return rebuilt;
}

/**
 * Executes each operation with graphql-jit: an operation is compiled into plain JavaScript once
 * (per parsed document, which Apollo caches), then run without graphql-js's per-field
 * interpretation (a field's literal arguments are worked out when it is compiled, not for every
 * object it resolves on), and its results are plain objects, which JSON.stringify writes three
 * times faster than graphql-js's null-prototype ones (bench/README.md, "What was found"). Plugged
 * in through Apollo Server's gateway interface: Apollo Server 4 dropped its `executor` option as
 * redundant with it (apollographql/apollo-server#6771). Parsing, validation, plugins and error
 * formatting stay Apollo's.
 */
export function compiledExecutor(schema: GraphQLSchema): ApolloGateway {
  // Keyed by the document Apollo parsed and cached: a query text seen again reuses its compilation,
  // and a document Apollo evicts takes its compilation with it.
  const compiled = new WeakMap<DocumentNode, Map<string, CompiledQuery | typeof GRAPHQL_JS>>();

  const compile = (document: DocumentNode, operationName: string | undefined, logger: Logger) => {
    let byName = compiled.get(document);
    const cached = byName?.get(operationName ?? "");
    if (cached) return cached;
    let result: CompiledQuery | ExecutionResult | typeof GRAPHQL_JS;
    try {
      result = compileQuery(schema, document, operationName, {
        disablingCapturingStackErrors: true,
      }) as CompiledQuery | ExecutionResult;
    } catch (error) {
      // A document graphql-jit cannot compile (a bug of its own: Apollo has validated it) still
      // runs, through graphql-js, and is not tried again.
      logger.warn(
        `graphql-jit could not compile operation ${operationName ?? "(anonymous)"}; it runs on graphql-js: ${error instanceof Error ? error.message : String(error)}`,
      );
      result = GRAPHQL_JS;
    }
    if (result !== GRAPHQL_JS && !isCompiledQuery(result)) return result;
    if (!byName) {
      byName = new Map();
      compiled.set(document, byName);
    }
    byName.set(operationName ?? "", result);
    return result;
  };

  return {
    async load() {
      return {
        schema,
        executor: async (request) => {
          const operationName = request.operationName ?? undefined;
          const variables = request.request.variables ?? {};
          // Variables are coerced by graphql-js first: its errors name the variable's definition,
          // which is how Apollo recognises bad input (BAD_USER_INPUT) rather than a server fault.
          const operation = getOperationAST(request.document, operationName);
          if (operation?.variableDefinitions?.length) {
            const coerced = getVariableValues(schema, operation.variableDefinitions, variables);
            if (coerced.errors) return { errors: coerced.errors };
          }
          const query = compile(request.document, operationName, request.logger);
          if (query === GRAPHQL_JS)
            return execute({
              schema,
              document: request.document,
              contextValue: request.context,
              variableValues: variables,
              operationName,
            });
          if (!isCompiledQuery(query)) return query as ExecutionResult;
          const result = (await query.query(undefined, request.context, variables)) as ExecutionResult;
          return result.errors ? { ...result, errors: result.errors.map(asGraphQLError) } : result;
        },
      };
    },
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: printSchema(schema) });
      return () => {};
    },
    async stop() {},
  };
}
