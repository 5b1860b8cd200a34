import { isMissingRoute, NotFoundError } from "../../model/errors.js";
import { PermissionLevel, type PermissionRecord, type ProjectRecord } from "../../model/records.js";
import { eachKey } from "../batch.js";
import type { BatchResult, PermissionReader, RequestScope } from "../connector.js";
import { namedProfileLevel, userProfileLevel } from "./levels.js";
import {
  memberProfile,
  type ProfileRef,
  toAdminPermission,
  toProject,
  toProjectPermission,
} from "./mapper.js";
import type { RawProject, RawProjectUser } from "./raw-types.js";
import type { SharedReads } from "./reads.js";

interface Membership {
  readonly member: RawProjectUser;
  /** Null when the member list does not name the member's profile (the documented shape). */
  readonly profile: ProfileRef | null;
  readonly projectId: string;
  readonly project?: ProjectRecord;
  readonly rawProject?: RawProject;
}

/**
 * Who is a member where, with which profile when the instance says. qTest lists a project's members
 * only per project (`GET /projects/{id}/users`), so a user's permissions come from reading every
 * project once per request; the admin profile, where an instance shows it, rides on the user record.
 * A member listed without a profile is a permission of level UNKNOWN (README "Profiles").
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
    const named = memberships.flatMap((m) => (m.profile ? [m.profile] : []));
    const level = await levelsOf(named, scope);
    return memberships.map((m) =>
      toProjectPermission(
        m.member,
        m.profile,
        m.profile ? level(m.profile) : PermissionLevel.UNKNOWN,
        m.projectId,
        sourceId,
        m.project,
        m.rawProject,
      ),
    );
  }

  function membershipsOf(
    members: RawProjectUser[],
    projectId: string,
    rawProject?: RawProject,
    project?: ProjectRecord,
  ): Membership[] {
    return members.map((member) => ({
      member,
      profile: memberProfile(member),
      projectId,
      project,
      rawProject,
    }));
  }

  /** Every project's members, indexed by user, once per request. */
  function projectPermissionsByUser(scope: RequestScope): Promise<Map<string, PermissionRecord[]>> {
    return scope.once("qtest:permissions-by-user", async () => {
      const projects = await reads.projects(scope);
      // A listed project's member list that fails (a 404 too: the route, not the project, is
      // missing) fails every user's permissions: a partial index would read as "no access".
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

  /**
   * A project's members. `GET /projects/{id}/users` answers 404 both for a project that does not
   * exist and on an instance without the route (before qTest Manager 8.4.2): the project list tells
   * which, so only an unlisted project is NOT_FOUND.
   */
  async function membersOf(projectId: string, scope: RequestScope): Promise<RawProjectUser[]> {
    const missing = () => new NotFoundError(sourceId, vendor, "Project", projectId);
    if (!/^\d+$/.test(projectId)) throw missing();
    try {
      return await reads.members(scope, projectId);
    } catch (error) {
      if (!isMissingRoute(error)) throw error;
      const listed = (await reads.projects(scope)).some((p) => String(p.id) === projectId);
      throw listed ? error : missing();
    }
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
        const members = await membersOf(projectId, scope);
        // The project (for what its admin_ids says) matters only to members without a profile.
        const raw = members.every((m) => m.profile)
          ? undefined
          : (await reads.projects(scope)).find((p) => String(p.id) === projectId);
        return toPermissions(membershipsOf(members, projectId, raw), scope);
      }),
  };
}
