import { maxAliasesRule } from "@escape.tech/graphql-armor-max-aliases";
import { maxDepthRule } from "@escape.tech/graphql-armor-max-depth";
import { maxDirectivesRule } from "@escape.tech/graphql-armor-max-directives";
import { GraphQLError, type ValidationContext, type ValidationRule } from "graphql";
import type { LimitsConfig } from "../../config/config-schema.js";

/** The `extensions.limit` a refused document carries: the config key it broke. */
type DocumentLimit = "maxDepth" | "maxAliases" | "maxDirectives";

/** graphql-armor's message ("Syntax Error: Query depth limit of 10 exceeded, found 12."), with its key. */
const report = (limit: DocumentLimit) => (context: ValidationContext | null, error: GraphQLError) =>
  context?.reportError(
    new GraphQLError(`${error.message.replace(/^Syntax Error: /, "")} (server.limits.${limit})`, {
      extensions: { limit },
    }),
  );

/**
 * Depth, aliases and directives, checked by graphql-armor's validation rules when Apollo validates a
 * document (once per document: Apollo caches validated ones), before anything runs. Tokens are
 * counted by graphql-js's own parser (Apollo's `parseOptions.maxTokens`).
 */
export function documentLimitRules(limits: LimitsConfig): ValidationRule[] {
  const options = (limit: DocumentLimit) => ({ propagateOnRejection: false, onReject: [report(limit)] });
  return [
    // Fragments add no level of their own: the depth is the answer's.
    maxDepthRule({ n: limits.maxDepth, flattenFragments: true, ...options("maxDepth") }),
    maxAliasesRule({ n: limits.maxAliases, ...options("maxAliases") }),
    maxDirectivesRule({ n: limits.maxDirectives, ...options("maxDirectives") }),
  ] as ValidationRule[];
}
