import { NotFoundError } from "../../model/errors.js";
import type { PermissionLevel, PermissionRecord, ProjectRecord } from "../../model/records.js";
import { eachKey } from "../batch.js";
import type { BatchResult, PermissionReader, RequestScope } from "../connector.js";
import { namedProfileLevel, userProfileLevel } from "./levels.js";
import { memberProfile, toAdminPermission, toProject, toProjectPermission } from "./mapper.js";
import type { RawProfile, RawProject, RawProjectUser } from "./raw-types.js";
import type { SharedReads } from "./reads.js";

type ProfileRef = Pick<RawProfile, "name"> & Partial<RawProfile>;

interface Membership {
  readonly member: RawProjectUser;
  readonly profile: ProfileRef;
  readonly projectId: string;
  readonly project?: ProjectRecord;
}

/**
 * Who holds which profile where. qTest tells a member's profile only per project
 * (`GET /projects/{id}/users`, README "Profiles" [I]), so a user's permissions come from reading
 * every project once per request; the admin profile rides on the user record itself.
 */
export function createPermissionReader(
  reads: SharedReads,
  sourceId: string,
  vendor: string,
  siteUrl: string,
): PermissionReader {
  /** Levels for these profiles; the profile list is read only when a name does not decide. */
  async function levelsOf(
    profiles: ProfileRef[],
    scope: RequestScope,
  ): Promise<(p: ProfileRef) => PermissionLevel> {
    if (profiles.every((p) => namedProfileLevel(p.name) !== undefined)) return (p) => userProfileLevel(p);
    const directory = await reads.profiles(scope);
    return (p) => userProfileLevel(p, directory?.describe(p));
  }

  async function toPermissions(memberships: Membership[], scope: RequestScope): Promise<PermissionRecord[]> {
    const level = await levelsOf(
      memberships.map((m) => m.profile),
      scope,
    );
    return memberships.map((m) =>
      toProjectPermission(m.member, m.profile, level(m.profile), m.projectId, sourceId, m.project),
    );
  }

  function membershipsOf(
    members: RawProjectUser[],
    projectId: string,
    raw?: RawProject,
    project?: ProjectRecord,
  ): Membership[] {
    return members.map((member) => ({ member, profile: memberProfile(member, raw), projectId, project }));
  }

  /** Every project's members, indexed by user, once per request. */
  function projectPermissionsByUser(scope: RequestScope): Promise<Map<string, PermissionRecord[]>> {
    return scope.once("qtest:permissions-by-user", async () => {
      const projects = await reads.projects(scope);
      const lists = await Promise.all(projects.map((p) => reads.members(scope, String(p.id))));
      const records = projects.map((p) => toProject(p, sourceId, siteUrl));
      scope.prime(records);
      const memberships = projects.flatMap((p, i) =>
        membershipsOf(lists[i] ?? [], String(p.id), p, records[i]),
      );
      const byUser = new Map<string, PermissionRecord[]>();
      for (const permission of await toPermissions(memberships, scope)) {
        const list = byUser.get(permission.userId);
        if (list) list.push(permission);
        else byUser.set(permission.userId, [permission]);
      }
      return byUser;
    });
  }

  return {
    async ofUsers(userIds, scope): BatchResult<PermissionRecord[]> {
      const [users, byUser] = await Promise.all([scope.loadUsers(userIds), projectPermissionsByUser(scope)]);
      return userIds.map((userId, i) => {
        const user = users[i];
        if (user === undefined || user instanceof Error) return user ?? new Error(`no user ${userId}`);
        const admin = toAdminPermission(user);
        const onProjects = byUser.get(userId) ?? [];
        return admin ? [admin, ...onProjects] : onProjects;
      });
    },

    ofProjects: (projectIds, scope) =>
      eachKey(projectIds, async (projectId) => {
        if (!/^\d+$/.test(projectId)) throw new NotFoundError(sourceId, vendor, "Project", projectId);
        const members = await reads.members(scope, projectId);
        // The project (for its admin_ids) matters only to members that come without a profile.
        const raw = members.every((m) => m.profile)
          ? undefined
          : (await reads.projects(scope)).find((p) => String(p.id) === projectId);
        return toPermissions(membershipsOf(members, projectId, raw), scope);
      }),
  };
}
