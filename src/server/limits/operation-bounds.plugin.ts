import type { ApolloServerPlugin } from "@apollo/server";
import { GraphQLError } from "graphql";
import type { RequestContext } from "../../loaders/request-context.js";
import { ErrorCode } from "../../model/errors.js";
import { coerceVariables } from "../coerced-variables.js";
import type { Budget } from "./budget.js";
import { type Estimate, fragmentsOf, ListTooLong, type OperationEstimator } from "./operation-estimate.js";
import { appliedPlanIds, readAppliedPlans } from "./plan-estimate.js";

const fmt = (n: number) => n.toLocaleString("en-US");

function tooCostly(message: string, extensions: Record<string, unknown>): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: ErrorCode.OPERATION_TOO_COSTLY, ...extensions, http: { status: 400 } },
  });
}

function listTooLong(refusal: ListTooLong): GraphQLError {
  return tooCostly(
    `\`${refusal.argument}\` has ${fmt(refusal.items)} items; at most ${fmt(refusal.max)} (server.limits.maxListItems)`,
    { limit: "maxListItems", argument: refusal.argument, items: refusal.items, max: refusal.max },
  );
}

function overBudget(estimate: Estimate, budget: Budget): GraphQLError | null {
  const over: string[] = [];
  if (estimate.upstreamCalls > budget.upstreamCalls)
    over.push(
      `about ${fmt(estimate.upstreamCalls)} upstream calls (budget ${fmt(budget.upstreamCalls)}, server.limits.upstreamCalls)`,
    );
  if (estimate.objects > budget.objects)
    over.push(
      `up to ${fmt(estimate.objects)} objects (budget ${fmt(budget.objects)}, server.limits.objects)`,
    );
  if (over.length === 0) return null;
  return tooCostly(
    `This operation would cost ${over.join(" and ")}; nothing was run. Ask for less: smaller pages (\`first\`), fewer aliases or nesting levels`,
    {
      limit: estimate.upstreamCalls > budget.upstreamCalls ? "upstreamCalls" : "objects",
      estimate: {
        upstreamCalls: estimate.upstreamCalls,
        objects: estimate.objects,
        bySource: estimate.bySource,
      },
      budget,
    },
  );
}

/**
 * Refuses, before anything runs, an operation that breaks `maxListItems` or whose estimate
 * (upstream calls, objects) exceeds its caller's budget: OPERATION_TOO_COSTLY, naming the limit and
 * the numbers. It judges the operation Apollo resolved with the variables' coerced values, which is
 * what the executor runs (server/compiled-executor.ts).
 */
export function operationBoundsPlugin(options: {
  estimator: OperationEstimator;
  budgetFor: (caller: RequestContext["caller"]) => Budget;
}): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, request, contextValue, schema }) {
          if (!operation) return; // refused by the access guard
          const variables = coerceVariables(schema, operation, request.variables);
          // Bad variables: the executor answers BAD_USER_INPUT, and nothing runs.
          if (variables.errors) return;
          const fragments = fragmentsOf(document);
          // The plans an applyPlan field applies are read first: their steps are what it costs.
          const applied = appliedPlanIds(schema, operation, fragments, variables.coerced);
          const plans =
            applied.length > 0
              ? await readAppliedPlans(contextValue.gateway.store.plans, applied)
              : undefined;
          const outcome = options.estimator.estimate(operation, fragments, variables.coerced, plans);
          if (outcome instanceof ListTooLong) throw listTooLong(outcome);
          const refusal = overBudget(outcome, options.budgetFor(contextValue.caller));
          if (refusal) throw refusal;
        },
      };
    },
  };
}
