import {
  type GraphQLInterfaceType,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  isObjectType,
} from "graphql";
import { buildSchema } from "type-graphql";
import "./common/enums.js";
import { recordMutationCallers } from "../audit/mutation-context.js";
import type { RequestContext } from "../loaders/request-context.js";
import type { AnyRecord, UserRecord } from "../model/records.js";
import { AuditEventsQuery } from "./audit/audit-events.query.js";
import type { RelationArgs } from "./common/list.args.js";
import { GroupResolver } from "./group/group.resolver.js";
import { Group } from "./group/group.type.js";
import { AccessMatrixQuery } from "./matrix/access-matrix.query.js";
import { AccessResultResolver } from "./mutations/access-result.resolver.js";
import { GroupMutation } from "./mutations/group.mutation.js";
import { InviteUserMutation } from "./mutations/invite-user.mutation.js";
import { ProjectAccessMutation } from "./mutations/project-access.mutation.js";
import { TeamMembershipMutation } from "./mutations/team-membership.mutation.js";
import { UserAdminMutation } from "./mutations/user-admin.mutation.js";
import { NodeQuery } from "./node/node.query.js";
import { PermissionResolver } from "./permission/permission.resolver.js";
import { LinkMutation } from "./person/link.mutation.js";
import { PeopleQuery } from "./person/people.query.js";
import { PersonResolver } from "./person/person.resolver.js";
import { PlanMutation } from "./plan/plan.mutation.js";
import { PlanQuery } from "./plan/plan.query.js";
import { PlanAccessMutation } from "./plan/plan-access.mutation.js";
import { ProjectResolver } from "./project/project.resolver.js";
import { Project } from "./project/project.type.js";
import { AccessChangesQuery } from "./review/access-changes.query.js";
import { FindingsQuery } from "./review/findings.query.js";
import { RosterResolver } from "./review/roster.resolver.js";
import { SnapshotMutation } from "./snapshot/snapshot.mutation.js";
import { SnapshotQuery } from "./snapshot/snapshot.query.js";
import { SourceResolver } from "./source/source.resolver.js";
import { TeamResolver } from "./team/team.resolver.js";
import { Team } from "./team/team.type.js";
import { TemplatesQuery } from "./template/templates.query.js";
import { UserResolver, userRelations } from "./user/user.resolver.js";
import { User } from "./user/user.type.js";
import { UsersQuery } from "./user/users.query.js";
import { ViewerQuery } from "./viewer/viewer.query.js";

let built: Promise<GraphQLSchema> | null = null;

/**
 * type-graphql 2.0.0-rc.4 checks arguments in an `async` function even with validation off
 * (build/esm/resolvers/validate-arg.js), so every resolver that takes arguments answers with a
 * promise. A listed page has three such fields per user (teams, groups, projects), which then cost
 * graphql-js a promise, a microtask and a `Promise.all` per user even when their data is loaded:
 * the directory's execution took a third longer (bench/README.md). Those fields keep their
 * type-graphql declarations (type, arguments, description) and resolve through the same functions,
 * called directly; with validation off, type-graphql's argument handling did nothing else.
 */
function resolveUserRelationsDirectly(schema: GraphQLSchema): GraphQLSchema {
  const fields = (schema.getType("User") as GraphQLObjectType).getFields();
  for (const name of ["teams", "groups", "projects"] as const) {
    const field = fields[name];
    if (!field) throw new Error(`User.${name} is missing from the schema`);
    field.resolve = (user: UserRecord, args: RelationArgs, ctx: RequestContext, info: GraphQLResolveInfo) =>
      userRelations[name](user, args, ctx, info);
  }
  return schema;
}

/**
 * type-graphql wraps an interface's `resolveType` in an `async` function, so `node(id:)` learned its
 * object's type from a promise; the compiled executor (server/compiled-executor.ts) needs the
 * type's name at once, as graphql-js's documentation has it. Every record names its kind.
 */
function resolveNodeTypeAtOnce(schema: GraphQLSchema): GraphQLSchema {
  (schema.getType("Node") as GraphQLInterfaceType).resolveType = (value: AnyRecord) => value.kind;
  return schema;
}

/**
 * A connection's `totalCount` and an edge's `node` may hold a promise (a count read only when
 * selected, a node whose relations are still loading: common/connection.ts). graphql-js awaits
 * whatever its default resolver reads; a compiled executor awaits only what a resolver returns, so
 * these fields read their value through one.
 */
function resolvePendingFields(schema: GraphQLSchema): GraphQLSchema {
  const pending = { Connection: "totalCount", Edge: "node" } as const;
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type)) continue;
    for (const [suffix, name] of Object.entries(pending)) {
      const field = type.name.endsWith(suffix) ? type.getFields()[name] : undefined;
      if (field && !field.resolve) field.resolve = (parent: Record<string, unknown>) => parent[name];
    }
  }
  return schema;
}

/** The executable schema; built once per process (type-graphql metadata is global anyway). */
export function rollcallSchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({
    resolvers: [
      NodeQuery,
      SourceResolver,
      UsersQuery,
      UserResolver,
      TeamResolver,
      ProjectResolver,
      GroupResolver,
      PermissionResolver,
      InviteUserMutation,
      UserAdminMutation,
      ProjectAccessMutation,
      TeamMembershipMutation,
      GroupMutation,
      AccessResultResolver,
      ViewerQuery,
      PlanQuery,
      PlanMutation,
      PlanAccessMutation,
      PeopleQuery,
      PersonResolver,
      LinkMutation,
      AuditEventsQuery,
      TemplatesQuery,
      SnapshotQuery,
      SnapshotMutation,
      AccessChangesQuery,
      FindingsQuery,
      AccessMatrixQuery,
      RosterResolver,
    ],
    orphanedTypes: [User, Team, Project, Group],
    validate: false,
  })
    .then(resolveUserRelationsDirectly)
    .then(resolveNodeTypeAtOnce)
    .then(resolvePendingFields)
    .then(recordMutationCallers);
  return built;
}
