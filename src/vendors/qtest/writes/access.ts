import { InputError, SourceError } from "../../../model/errors.js";
import type { ProjectRecord, UserRecord } from "../../../model/records.js";
import { eachKey } from "../../batch.js";
import type { RequestScope } from "../../connector.js";
import type {
  AccessWriter,
  GrantOutcome,
  ProjectGrant,
  ProjectRevocation,
  RevokeOutcome,
} from "../../connector-writes.js";
import { outcomeUnknown } from "../../write-rules/index.js";
import { userProfileLevel } from "../levels.js";
import { DEFAULT_PROFILE, type ProfileRef, toAssignment, toProject } from "../mapper.js";
import type { RawAssignedProject, RawProfile, RawProject } from "../raw-types.js";
import type { ProfileDirectory } from "../reads.js";
import { isQTestId, notFound, type WriteContext } from "./context.js";
import { qtestRefusal } from "./refusals.js";

/** One key of a batch, with the slot its answer goes in. */
interface Keyed<K, V> {
  readonly key: K;
  readonly slot: number;
  answer: V | Error;
}

function keyed<K, V>(keys: readonly K[], initial: V | Error): Array<Keyed<K, V>> {
  return keys.map((key, slot) => ({ key, slot, answer: initial }));
}

function groupBy<T>(items: readonly T[], by: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(by(item), [...(groups.get(by(item)) ?? []), item]);
  return groups;
}

const distinct = (ids: readonly string[]) => [...new Set(ids)];

/** The projects of the instance by id, from the request's one project list. */
async function projectsById(ctx: WriteContext, scope: RequestScope): Promise<Map<string, RawProject>> {
  return new Map((await ctx.reads.projects(scope)).map((p) => [String(p.id), p]));
}

/** Each id's user, or its load error (NOT_FOUND for an unknown id), through the request's loader. */
async function usersById(
  ids: readonly string[],
  scope: RequestScope,
): Promise<Map<string, UserRecord | Error | undefined>> {
  const unique = distinct(ids);
  const loaded = await scope.loadUsers(unique);
  return new Map(unique.map((id, i) => [id, loaded[i]]));
}

/** Who is a member of a project right now, read past the request's cache (after a write). */
async function membersNow(ctx: WriteContext, projectId: string) {
  return ctx.client.getProjectUsers(projectId).catch(() => null);
}

/**
 * qTest project access: a user holds one user profile per project. Grants of one project and one
 * profile go out together: one user through `POST /users/{id}/projects`, several through one
 * `POST /users/projects` (seed page). All revocations of a batch are one `PUT /users/projects`,
 * whose body is a list of projects with their users (v3 swagger).
 */
export function createAccessWriter(ctx: WriteContext): AccessWriter {
  /** One assignment call; no profile means qTest's default. Answers the profile now held. */
  async function assign(
    projectId: string,
    userIds: readonly string[],
    profile: RawProfile | undefined,
  ): Promise<ProfileRef> {
    const asked: RawAssignedProject = {
      project_id: Number(projectId),
      ...(profile ? { profile: { id: profile.id, name: profile.name } } : {}),
    };
    const answer =
      userIds.length === 1
        ? await ctx.client.assignToProject(userIds[0] as string, asked)
        : await ctx.client.assignUsersToProject({ ...asked, user_ids: userIds.map(Number) });
    // "If the profile is not provided, profile Developer is used by default" (seed page).
    return answer?.profile ?? profile ?? { name: DEFAULT_PROFILE };
  }

  /**
   * After an assignment of unknown outcome: who now holds the profile asked for, and who is a member
   * whose profile the member list does not name (the documented shape), which settles nothing.
   */
  async function holdersAfter(
    projectId: string,
    profileName: string,
  ): Promise<{ held: Map<string, ProfileRef>; unnamed: Set<string> }> {
    const held = new Map<string, ProfileRef>();
    const unnamed = new Set<string>();
    for (const m of (await membersNow(ctx, projectId)) ?? [])
      if (!m.profile) unnamed.add(String(m.id));
      else if (m.profile.name === profileName) held.set(String(m.id), m.profile);
    return { held, unnamed };
  }

  /** The unknown outcome, said plainly where a read could not settle it. */
  function unsettled(error: SourceError, projectId: string, profileName: string): SourceError {
    return new SourceError(
      `${error.message}. The user is a member of project ${projectId} now, but qTest's member list does not say with which profile, so Rollcall cannot tell whether "${profileName}" was assigned; assigning again is safe (it sets the same profile)`,
      {
        code: error.code,
        sourceId: error.sourceId,
        vendor: error.vendor,
        httpStatus: error.httpStatus,
        retryable: error.retryable,
      },
    );
  }

  /** Why a repeat can't be told from a change where the member list names no profile. */
  const priorUnknown = (userId: string, projectId: string) =>
    `qTest's member list does not name the profile user ${userId} held on project ${projectId} before this assignment, so whether it changed is not known`;

  /**
   * The grants of one project and one role: checked, sent in one call, answered per grant. `before`
   * is the project's members as they stood (null: a member whose profile the list does not name):
   * a member already holding the profile is UNCHANGED and not sent.
   */
  async function grantBatch(
    batch: Array<Keyed<ProjectGrant, GrantOutcome>>,
    raw: RawProject | undefined,
    before: ReadonlyMap<string, ProfileRef | null> | Error,
    users: Map<string, UserRecord | Error | undefined>,
    directory: ProfileDirectory,
  ): Promise<void> {
    const { projectId, role } = (batch[0] as Keyed<ProjectGrant, GrantOutcome>).key;
    const ready: typeof batch = [];
    for (const item of batch) {
      const user = users.get(item.key.userId);
      if (!raw) item.answer = notFound(ctx, "Project", projectId);
      else if (user === undefined || user instanceof Error)
        item.answer = user ?? notFound(ctx, "User", item.key.userId);
      else if (before instanceof Error) item.answer = before;
      else ready.push(item);
    }
    if (!raw || ready.length === 0 || before instanceof Error) return;
    const project: ProjectRecord = toProject(raw, ctx.sourceId, ctx.siteUrl);
    const profile = role === null ? undefined : directory.named(role);
    const asked = profile?.name ?? DEFAULT_PROFILE;
    const permission = (userId: string, held: ProfileRef) =>
      toAssignment(
        userId,
        held,
        userProfileLevel(held, directory.describe(held)),
        projectId,
        ctx.sourceId,
        project,
      );
    const outcome = (userId: string, held: ProfileRef): GrantOutcome => {
      const was = before.get(userId);
      if (was === undefined) return { status: "CREATED", permission: permission(userId, held) };
      if (was === null)
        return {
          status: "UPDATED",
          permission: permission(userId, held),
          warnings: [priorUnknown(userId, projectId)],
        };
      return {
        status: was.name === held.name ? "UNCHANGED" : "UPDATED",
        permission: permission(userId, held),
      };
    };
    const toSend = ready.filter((item) => before.get(item.key.userId)?.name !== asked);
    for (const item of ready)
      if (!toSend.includes(item))
        item.answer = outcome(item.key.userId, before.get(item.key.userId) as ProfileRef);
    if (toSend.length === 0) return;
    try {
      const held = await assign(projectId, distinct(toSend.map((item) => item.key.userId)), profile);
      for (const item of toSend) item.answer = outcome(item.key.userId, held);
    } catch (error) {
      // Never sent twice: after an unknown outcome, the members list says who got the profile. A
      // member listed without a profile who was no member before was made one by this write.
      const { held, unnamed } = outcomeUnknown(error)
        ? await holdersAfter(projectId, asked)
        : { held: new Map<string, ProfileRef>(), unnamed: new Set<string>() };
      const failure = qtestRefusal(error, { profile: "input.role" }) as Error;
      for (const item of toSend) {
        const { userId } = item.key;
        const holds = held.get(userId);
        if (holds) item.answer = outcome(userId, holds);
        else if (unnamed.has(userId) && !before.has(userId))
          item.answer = outcome(userId, profile ?? { name: DEFAULT_PROFILE });
        else if (unnamed.has(userId)) item.answer = unsettled(error as SourceError, projectId, asked);
        else item.answer = failure;
      }
    }
  }

  /** Each project's members as they stand now (null: listed without a profile), or the read's error. */
  async function membersBefore(
    projectIds: readonly string[],
  ): Promise<Map<string, ReadonlyMap<string, ProfileRef | null> | Error>> {
    const lists = await eachKey(projectIds, (projectId) => ctx.client.getProjectUsers(projectId));
    const out = new Map<string, ReadonlyMap<string, ProfileRef | null> | Error>();
    projectIds.forEach((projectId, i) => {
      const list = lists[i];
      if (list instanceof Error || list === undefined) out.set(projectId, list ?? new Error("no answer"));
      else out.set(projectId, new Map(list.map((m) => [String(m.id), m.profile ?? null])));
    });
    return out;
  }

  return {
    async projectRoles(scope) {
      const directory = await ctx.reads.profileDirectory(scope);
      return { names: directory.userProfileNames(), defaultRole: DEFAULT_PROFILE };
    },

    async grant(grants, scope) {
      const [directory, projects, users] = await Promise.all([
        ctx.reads.profileDirectory(scope),
        projectsById(ctx, scope),
        usersById(
          grants.map((g) => g.userId),
          scope,
        ),
      ]);
      const unknownRole = grants.find((g) => g.role !== null && !directory.named(g.role));
      if (unknownRole)
        throw new InputError(
          `"${unknownRole.role}" is not a user profile in source "${ctx.sourceId}" (one of: ${directory.userProfileNames().join(", ")})`,
          "input.role",
        );
      const items = keyed<ProjectGrant, GrantOutcome>(grants, new Error("not assigned"));
      const batches = groupBy(items, (item) => `${item.key.projectId}\u0000${item.key.role ?? ""}`);
      // Who is a member of each project now decides CREATED, UPDATED or UNCHANGED (one read each).
      const known = distinct(grants.map((g) => g.projectId)).filter(
        (id) => isQTestId(id) && projects.has(id),
      );
      const before = await membersBefore(known);
      await Promise.all(
        [...batches.values()].map((batch) => {
          const projectId = (batch[0] as Keyed<ProjectGrant, GrantOutcome>).key.projectId;
          return grantBatch(
            batch,
            isQTestId(projectId) ? projects.get(projectId) : undefined,
            before.get(projectId) ?? new Map(),
            users,
            directory,
          );
        }),
      );
      return items.map((item) => item.answer);
    },

    async revoke(revocations, scope) {
      const projects = await projectsById(ctx, scope);
      const items = keyed<ProjectRevocation, RevokeOutcome>(revocations, "DELETED");
      const toSend = new Map<string, Array<Keyed<ProjectRevocation, RevokeOutcome>>>();
      const nonMembers: Array<Keyed<ProjectRevocation, RevokeOutcome>> = [];
      await Promise.all(
        [...groupBy(items, (item) => item.key.projectId)].map(async ([projectId, batch]) => {
          if (!isQTestId(projectId) || !projects.has(projectId)) {
            for (const item of batch) item.answer = notFound(ctx, "Project", projectId);
            return;
          }
          const members = new Set((await ctx.reads.members(scope, projectId)).map((m) => String(m.id)));
          for (const item of batch)
            if (members.has(item.key.userId)) toSend.set(projectId, [...(toSend.get(projectId) ?? []), item]);
            else nonMembers.push(item);
        }),
      );
      // A non-member already has no access there: UNCHANGED, unless the user does not exist at all.
      if (nonMembers.length > 0) {
        const users = await usersById(
          nonMembers.map((item) => item.key.userId),
          scope,
        );
        for (const item of nonMembers) {
          const user = users.get(item.key.userId);
          item.answer = user instanceof Error ? user : "UNCHANGED";
        }
      }
      if (toSend.size > 0) await unassign(toSend);
      return items.map((item) => item.answer);
    },
  };

  /** One `PUT /users/projects` for every project; after an unknown outcome, members are read back. */
  async function unassign(
    toSend: Map<string, Array<Keyed<ProjectRevocation, RevokeOutcome>>>,
  ): Promise<void> {
    try {
      await ctx.client.unassignUsers(
        [...toSend].map(([projectId, batch]) => ({
          project_id: Number(projectId),
          user_ids: distinct(batch.map((item) => item.key.userId)).map(Number),
        })),
      );
    } catch (error) {
      await Promise.all(
        [...toSend].map(async ([projectId, batch]) => {
          const members = outcomeUnknown(error) ? await membersNow(ctx, projectId) : null;
          const still = members === null ? null : new Set(members.map((m) => String(m.id)));
          for (const item of batch)
            if (still === null || still.has(item.key.userId)) item.answer = error as Error;
        }),
      );
    }
  }
}
