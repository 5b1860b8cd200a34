import type { GraphQLFieldResolver, GraphQLSchema } from "graphql";
import { defaultFieldResolver } from "graphql";
import type { RequestContext } from "../loaders/request-context.js";
import { withAuditContext } from "./audit-context.js";

/**
 * Every Mutation field runs in the audit context of its caller and its own name, set here once for
 * all of them (those added later too): the writes it makes deep in the connectors are recorded as
 * `inviteUser` by `key:<name>` or `token:<issuer>#<subject>`. A document's several mutation fields
 * run one after the other, each in its own context. The plan engine narrows it per step
 * (`withAuditContext({ planId, stepId, personKey })` merges over this one, keeping the caller).
 */
export function recordMutationCallers(schema: GraphQLSchema): GraphQLSchema {
  const mutation = schema.getMutationType();
  for (const field of Object.values(mutation?.getFields() ?? {})) {
    const resolve: GraphQLFieldResolver<unknown, RequestContext> = field.resolve ?? defaultFieldResolver;
    field.resolve = (root, args, ctx: RequestContext, info) =>
      withAuditContext({ caller: ctx.caller?.id ?? "anonymous", operation: info.fieldName }, async () =>
        resolve(root, args, ctx, info),
      );
  }
  return schema;
}
