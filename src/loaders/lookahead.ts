import type { FieldNode, FragmentDefinitionNode, GraphQLResolveInfo, SelectionSetNode } from "graphql";
import type { UserRelation } from "../vendors/connector.js";

const RELATIONS: ReadonlySet<string> = new Set<UserRelation>(["teams", "groups", "projects", "permissions"]);

export function fieldsOf(
  set: SelectionSetNode | undefined,
  fragments: Record<string, FragmentDefinitionNode>,
): FieldNode[] {
  if (!set) return [];
  return set.selections.flatMap((s) => {
    if (s.kind === "Field") return [s];
    if (s.kind === "InlineFragment") return fieldsOf(s.selectionSet, fragments);
    const fragment = fragments[s.name.value];
    return fragment ? fieldsOf(fragment.selectionSet, fragments) : [];
  });
}

/**
 * Which user relations the client selected under this field — directly (a list of users) or under
 * a connection's `edges.node` / `nodes`. Used to start those loads as soon as a source's users
 * arrive, instead of after every source's list is in.
 */
export function requestedUserRelations(info: GraphQLResolveInfo): Set<UserRelation> {
  const wants = new Set<UserRelation>();
  for (const node of info.fieldNodes) {
    const top = fieldsOf(node.selectionSet, info.fragments);
    const userFields = [
      ...top,
      ...top.filter((f) => f.name.value === "nodes").flatMap((f) => fieldsOf(f.selectionSet, info.fragments)),
      ...top
        .filter((f) => f.name.value === "edges")
        .flatMap((f) => fieldsOf(f.selectionSet, info.fragments))
        .filter((f) => f.name.value === "node")
        .flatMap((f) => fieldsOf(f.selectionSet, info.fragments)),
    ];
    for (const field of userFields)
      if (RELATIONS.has(field.name.value)) wants.add(field.name.value as UserRelation);
  }
  return wants;
}
