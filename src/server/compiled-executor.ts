import type { ApolloServerOptions, BaseContext } from "@apollo/server";
import { ApolloServerErrorCode } from "@apollo/server/errors";
import {
  type DocumentNode,
  type ExecutionResult,
  execute,
  GraphQLError,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  printSchema,
} from "graphql";
import { type CompiledQuery, compileQuery, isCompiledQuery } from "graphql-jit";
import { LRUCache } from "lru-cache";
import type { OperationControl } from "../loaders/operation-control.js";
import { ErrorCode } from "../model/errors.js";
import { freshReads } from "../vendors/http/fresh-reads.js";
import { withOperationSignal } from "../vendors/http/operation-signal.js";
import { coerceVariables } from "./coerced-variables.js";

/** Marks a document graphql-jit could not compile: graphql-js executes it. */
const GRAPHQL_JS = Symbol("graphql-js");

/**
 * What a compiled query holds in memory per character of the JavaScript graphql-jit generated for
 * it (the function, its source, its closures): measured 1.1–2.3 on generated operations
 * (bench/README.md, "Fuzz run"). The source length is the one measure that follows it: per byte of
 * the document's JSON the same queries held 6–26×.
 */
export const RETAINED_PER_SOURCE_CHAR = 3;

/** The key graphql-jit puts the generated source under when asked (`debug`); read, then dropped. */
const GENERATED_SOURCE = "__DO_NOT_USE_THIS_OR_YOU_WILL_BE_FIRED_compilation";

interface Compiled {
  readonly query: CompiledQuery | typeof GRAPHQL_JS;
  /** Estimated bytes it holds (for the cache's bound). */
  readonly bytes: number;
}

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
 * The document graphql-jit and graphql-js are handed: the one operation Apollo resolved (and the
 * document's fragments), so neither can pick another. Handed the whole document, either picks by
 * operation name, and without one (Apollo passes none when the request's name matched nothing)
 * runs the document's only operation — which could be a mutation the access guard never judged.
 */
function onlyOperation(document: DocumentNode, operation: OperationDefinitionNode): DocumentNode {
  return {
    kind: Kind.DOCUMENT,
    definitions: document.definitions.filter((d) => d === operation || d.kind === Kind.FRAGMENT_DEFINITION),
  };
}

/** What runs when Apollo resolved no operation: nothing (the access guard refuses it first). */
const UNRESOLVED: ExecutionResult = {
  errors: [
    new GraphQLError("No operation to execute: the request's operationName names none in the document", {
      extensions: { code: ApolloServerErrorCode.OPERATION_RESOLUTION_FAILURE },
    }),
  ],
};

/** A context that can be cancelled (the request's RequestContext). */
interface Cancellable {
  readonly control?: OperationControl;
}

function timeoutError(timeoutMs: number): GraphQLError {
  return new GraphQLError(
    `The operation did not finish within ${timeoutMs} ms (server.operationTimeoutMs); its upstream calls were cancelled`,
    { extensions: { code: ErrorCode.OPERATION_TIMEOUT, timeoutMs, http: { status: 504 } } },
  );
}

/**
 * Runs a query under its operation's signal, with a deadline: when the deadline passes (or the
 * client goes away, see create-server.ts) the signal aborts its upstream calls in flight and those
 * still queued, and the client is answered with the cancellation at once; what is left of the
 * execution settles on its own, with nothing more to fetch.
 */
async function bounded(
  control: OperationControl,
  timeoutMs: number,
  run: () => Promise<ExecutionResult> | ExecutionResult,
): Promise<ExecutionResult> {
  const cancelled = () => ({ errors: [control.cancellation as GraphQLError] });
  if (control.signal.aborted) return cancelled();
  const timer = setTimeout(() => control.cancel(timeoutError(timeoutMs)), timeoutMs);
  let onAbort = () => {};
  const whenCancelled = new Promise<ExecutionResult>((resolve) => {
    onAbort = () => resolve(cancelled());
    control.signal.addEventListener("abort", onAbort, { once: true });
  });
  try {
    return await Promise.race([withOperationSignal(control.signal, run), whenCancelled]);
  } finally {
    clearTimeout(timer);
    control.signal.removeEventListener("abort", onAbort);
  }
}

export interface ExecutorOptions {
  /** A query still running this long after it started is cancelled (server.operationTimeoutMs). */
  readonly operationTimeoutMs?: number;
  /** Memory the compiled queries may hold (server.compiledQueryCacheBytes). */
  readonly compiledQueryCacheBytes?: number;
}

/**
 * Executes each operation with graphql-jit: an operation is compiled into plain JavaScript once
 * (per parsed document, which Apollo caches), then run without graphql-js's per-field
 * interpretation (a field's literal arguments are worked out when it is compiled, not for every
 * object it resolves on), and its results are plain objects, which JSON.stringify writes three
 * times faster than graphql-js's null-prototype ones (bench/README.md, "What was found"). Plugged
 * in through Apollo Server's gateway interface: Apollo Server 4 dropped its `executor` option as
 * redundant with it (apollographql/apollo-server#6771). Parsing, validation, plugins and error
 * formatting stay Apollo's. It executes exactly the operation Apollo resolved, the one every
 * plugin (the access guard first) has judged, and nothing when Apollo resolved none.
 */
export function compiledExecutor(schema: GraphQLSchema, options: ExecutorOptions = {}): ApolloGateway {
  // Keyed by the operation node of the document Apollo parsed and cached, so a query text seen
  // again reuses its compilation. Bounded by what the compiled queries hold, not by Apollo's
  // document cache: a compiled query can hold a hundred times its document's size, so tied to the
  // documents' lifetime a caller sending new documents grows the heap by hundreds of MiB.
  const compiled = new LRUCache<OperationDefinitionNode, Compiled>({
    maxSize: Math.max(1, Math.floor(options.compiledQueryCacheBytes ?? 32 * 2 ** 20)),
    sizeCalculation: (entry) => Math.max(1, Math.ceil(entry.bytes)),
  });

  const compile = (document: DocumentNode, operation: OperationDefinitionNode, logger: Logger) => {
    const cached = compiled.get(operation);
    if (cached) return cached.query;
    document = onlyOperation(document, operation);
    const name = operation.name?.value;
    let result: CompiledQuery | ExecutionResult | typeof GRAPHQL_JS;
    let bytes = 1;
    try {
      // `debug` (graphql-jit's own, untyped) hands back the generated source; a spec checks it still does.
      const compileOptions = { disablingCapturingStackErrors: true, debug: true };
      result = compileQuery(schema, document, undefined, compileOptions) as CompiledQuery | ExecutionResult;
      const generated = (result as Record<string, unknown>)[GENERATED_SOURCE];
      if (typeof generated === "string") bytes = generated.length * RETAINED_PER_SOURCE_CHAR;
      delete (result as Record<string, unknown>)[GENERATED_SOURCE];
    } catch (error) {
      // A document graphql-jit cannot compile (a bug of its own: Apollo has validated it) still
      // runs, through graphql-js, and is not tried again.
      logger.warn(
        `graphql-jit could not compile operation ${name ?? "(anonymous)"}; it runs on graphql-js: ${error instanceof Error ? error.message : String(error)}`,
      );
      result = GRAPHQL_JS;
    }
    if (result !== GRAPHQL_JS && !isCompiledQuery(result)) return result;
    compiled.set(operation, { query: result, bytes });
    return result;
  };

  return {
    async load() {
      return {
        schema,
        executor: async (request) => {
          const operation = request.operation;
          if (!operation) return UNRESOLVED;
          const variables = request.request.variables ?? {};
          // Variables are coerced by graphql-js first (coerceVariables: once per request): its errors
          // name the variable's definition, which is how Apollo recognises bad input
          // (BAD_USER_INPUT) rather than a server fault.
          const coerced = coerceVariables(schema, operation, request.request.variables);
          if (coerced.errors) return { errors: coerced.errors };
          const query = compile(request.document, operation, request.logger);
          if (query !== GRAPHQL_JS && !isCompiledQuery(query)) return query as ExecutionResult;
          const run = async (): Promise<ExecutionResult> => {
            if (query === GRAPHQL_JS)
              return execute({
                schema,
                document: onlyOperation(request.document, operation),
                contextValue: request.context,
                variableValues: variables,
              });
            const result = (await query.query(undefined, request.context, variables)) as ExecutionResult;
            return result.errors ? { ...result, errors: result.errors.map(asGraphQLError) } : result;
          };
          // Queries only: a mutation runs to its end, so every write's outcome is known and answered.
          const control = (request.context as Cancellable).control;
          if (control && options.operationTimeoutMs && operation.operation === "query")
            return bounded(control, options.operationTimeoutMs, run);
          // A mutation decides on what it reads (a plan, its checks, a snapshot): never on a
          // cached read (vendors/http/fresh-reads.ts).
          return operation.operation === "mutation" ? freshReads(run) : run();
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
