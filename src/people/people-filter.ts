/**
 * Narrowing the people list. What the accounts say is checked first, at no cost; a project's
 * holders take one read of that project's permissions; a level takes the permissions of the
 * accounts still in question (one batch per source).
 */
import type { RequestContext, ResponsePath } from "../loaders/request-context.js";
import { InputError, isNotFound } from "../model/errors.js";
import { PermissionLevel } from "../model/records.js";
import type { JoinedPerson } from "./join.js";
import { atLeast, highestOf } from "./levels.js";
import { accessOf } from "./person-access.js";
import { emailsOf } from "./person-facts.js";

export interface PeopleFilter {
  /** Normalized: the person's key or one of their accounts' emails. */
  readonly email?: string;
  /** Lower case: a substring of one of their accounts' display names. */
  readonly name?: string;
  /** An account in at least one of these sources. */
  readonly sources?: ReadonlySet<string>;
  /** An active account somewhere (true), or none (false). */
  readonly activeAnywhere?: boolean;
  /** Their highest level is this or above (levels.ts). */
  readonly highestLevel?: PermissionLevel;
  /** An account holding a role above NONE on this project. */
  readonly hasAccessToProject?: { readonly sourceId: string; readonly remoteId: string };
}

const lower = (s: string) => s.toLocaleLowerCase("en");

function matchesAccounts(person: JoinedPerson, filter: PeopleFilter): boolean {
  const { email, name, sources, activeAnywhere } = filter;
  if (email !== undefined && person.key !== email && !emailsOf(person).includes(email)) return false;
  if (name !== undefined && !person.accounts.some((a) => lower(a.displayName).includes(name))) return false;
  if (sources && !person.accounts.some((a) => sources.has(a.sourceId))) return false;
  if (activeAnywhere !== undefined && person.accounts.some((a) => a.active) !== activeAnywhere) return false;
  return true;
}

/**
 * The persons that match. A failure that leaves the filter unanswerable for everyone (the project's
 * source down) fails the list; one that leaves it open for some persons (their accounts'
 * permissions unread) is reported at `path`, and only those the known permissions qualify are kept.
 */
export async function filterPeople(
  ctx: RequestContext,
  persons: readonly JoinedPerson[],
  filter: PeopleFilter,
  path: ResponsePath,
): Promise<JoinedPerson[]> {
  let kept = persons.filter((p) => matchesAccounts(p, filter));
  if (filter.hasAccessToProject) {
    const holders = await projectHolders(ctx, filter.hasAccessToProject);
    const { sourceId } = filter.hasAccessToProject;
    kept = kept.filter((p) => p.accounts.some((a) => a.sourceId === sourceId && holders.has(a.remoteId)));
  }
  const floor = filter.highestLevel;
  if (floor !== undefined) {
    const reads = await Promise.all(kept.map((p) => accessOf(ctx, p)));
    for (const read of reads)
      for (const failure of read.failures)
        ctx.reportSourceError(failure.error, path, failure.account.sourceId);
    kept = kept.filter((_p, i) =>
      atLeast(highestOf((reads[i] ?? { permissions: [] }).permissions.map((x) => x.level)), floor),
    );
  }
  return kept;
}

/** Ids of the project's users holding a role above NONE (as `Project.members` counts them). */
async function projectHolders(
  ctx: RequestContext,
  project: { readonly sourceId: string; readonly remoteId: string },
): Promise<Set<string>> {
  const loader = ctx.session(project.sourceId).permissionsOfProject;
  if (!loader) return new Set();
  try {
    const permissions = await loader.load(project.remoteId);
    return new Set(permissions.filter((p) => p.level !== PermissionLevel.NONE).map((p) => p.userId));
  } catch (error) {
    if (isNotFound(error))
      throw new InputError(
        `Project ${project.remoteId} was not found in source "${project.sourceId}"`,
        "filter.hasAccessToProject",
      );
    throw error;
  }
}
