import type { FieldNode, GraphQLResolveInfo } from "graphql";
import { fieldsOf } from "../../loaders/lookahead.js";
import type { UserRelation } from "../../vendors/connector.js";

const RELATIONS: ReadonlySet<string> = new Set<UserRelation>(["teams", "groups", "projects", "permissions"]);

/** Person fields that read every account's permissions. */
const READS_PERMISSIONS: ReadonlySet<string> = new Set(["access", "highestLevel"]);
/** Person fields that are accounts, whose relations a client may select. */
const ACCOUNT_LISTS: ReadonlySet<string> = new Set(["accounts", "linkedAccounts"]);

/**
 * The account relations a selection of persons will read — under the field itself (`person`) or
 * a connection's `nodes` / `edges.node` (`people`) — so they load in one batch per source before
 * the persons are walked.
 */
export function requestedAccountRelations(info: GraphQLResolveInfo): Set<UserRelation> {
  const wants = new Set<UserRelation>();
  const under = (fields: readonly FieldNode[], name: string) =>
    fields.filter((f) => f.name.value === name).flatMap((f) => fieldsOf(f.selectionSet, info.fragments));
  for (const node of info.fieldNodes) {
    const top = fieldsOf(node.selectionSet, info.fragments);
    const personFields = [...top, ...under(top, "nodes"), ...under(under(top, "edges"), "node")];
    for (const field of personFields) {
      if (READS_PERMISSIONS.has(field.name.value)) wants.add("permissions");
      if (ACCOUNT_LISTS.has(field.name.value))
        for (const accountField of fieldsOf(field.selectionSet, info.fragments))
          if (RELATIONS.has(accountField.name.value)) wants.add(accountField.name.value as UserRelation);
    }
  }
  return wants;
}
