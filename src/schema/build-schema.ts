import type { GraphQLSchema } from "graphql";
import { buildSchema } from "type-graphql";
import "./common/enums.js";
import { GroupResolver } from "./group/group.resolver.js";
import { Group } from "./group/group.type.js";
import { AccessResultResolver } from "./mutations/access-result.resolver.js";
import { GroupMutation } from "./mutations/group.mutation.js";
import { InviteUserMutation } from "./mutations/invite-user.mutation.js";
import { ProjectAccessMutation } from "./mutations/project-access.mutation.js";
import { TeamMembershipMutation } from "./mutations/team-membership.mutation.js";
import { UserAdminMutation } from "./mutations/user-admin.mutation.js";
import { NodeQuery } from "./node/node.query.js";
import { PermissionResolver } from "./permission/permission.resolver.js";
import { ProjectResolver } from "./project/project.resolver.js";
import { Project } from "./project/project.type.js";
import { SourceResolver } from "./source/source.resolver.js";
import { TeamResolver } from "./team/team.resolver.js";
import { Team } from "./team/team.type.js";
import { UserResolver } from "./user/user.resolver.js";
import { User } from "./user/user.type.js";
import { UsersQuery } from "./user/users.query.js";

let built: Promise<GraphQLSchema> | null = null;

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
    ],
    orphanedTypes: [User, Team, Project, Group],
    validate: false,
  });
  return built;
}
