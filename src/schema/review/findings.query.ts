import { Arg, Ctx, ID, Int, Query, Resolver } from "type-graphql";
import { FindingKind, type Finding as FoundFinding } from "../../history/findings/finding.js";
import { findingCounts, findingsPage, findingsScope } from "../../history/findings/findings.js";
import { RequestContext } from "../../loaders/request-context.js";
import { toGlobalId } from "../common/global-id.js";
import { type Finding, FindingConnection, FindingCount } from "./finding.type.js";
import { FindingFilter } from "./finding-filter.input.js";
import { checkFirst, decodeReviewCursor, reviewPage } from "./review-cursor.js";
import { personKeyOfFilter } from "./review-person.js";
import { syncRoster } from "./sync-roster.js";

/** A finding as GraphQL shows it. */
export function findingView(f: FoundFinding): Finding {
  return {
    kind: f.kind,
    account: {
      source: f.sourceId,
      remoteId: f.remoteId,
      userId: toGlobalId(f.sourceId, "User", f.remoteId),
      email: f.email,
      displayName: f.displayName,
    },
    person: f.personKey,
    personBasis: f.personBasis,
    active: f.active,
    admin: f.admin,
    lastLoginAt: f.lastLoginAt,
    createdAt: f.createdAt,
    daysSinceLogin: f.daysSinceLogin,
    levels: f.levels ? [...f.levels] : null,
    grantCount: f.grantCount,
    membershipCount: f.membershipCount,
    inactiveAccounts: [...f.inactiveAccounts],
    reason: f.reason,
  };
}

@Resolver()
export class FindingsQuery {
  @Query(() => FindingConnection, {
    description:
      "Accounts of one snapshot (default: the newest COMPLETE or PARTIAL one) that one finding's rule matches, each with why. Sources whose part is missing are listed, never judged clean.",
  })
  async findings(
    @Ctx() ctx: RequestContext,
    @Arg("kind", () => FindingKind) kind: FindingKind,
    @Arg("snapshot", () => ID, { nullable: true }) snapshot?: string | null,
    @Arg("dormantDays", () => Int, {
      nullable: true,
      description: "DORMANT_ACCOUNT: days without a login (default 90).",
    })
    dormantDays?: number | null,
    @Arg("filter", () => FindingFilter, { nullable: true }) filter?: FindingFilter | null,
    @Arg("first", () => Int, { defaultValue: 50 }) first = 50,
    @Arg("after", () => String, { nullable: true }) after?: string | null,
  ): Promise<FindingConnection> {
    checkFirst(first, ctx.settings.maxPageSize);
    const offset = decodeReviewCursor("findings", after);
    const personKey = personKeyOfFilter(filter?.person, "filter.person");
    const store = ctx.gateway.store;
    if (kind === FindingKind.NOT_IN_ROSTER) await syncRoster(ctx);
    const scope = await findingsScope(store, {
      snapshotId: snapshot,
      dormantDays,
      sourceIds: filter?.sources,
    });
    const page = await findingsPage(store.review, scope, { kind, personKey }, { offset, limit: first });
    const logins = new Set(scope.loginSourceIds);
    return {
      ...reviewPage("findings", page.findings.map(findingView), {
        offset,
        hasNextPage: page.hasNextPage,
        totalCount: page.totalCount,
      }),
      snapshot: scope.snapshot.id,
      judgedSources: [...scope.sourceIds],
      incompleteSources: [...scope.incompleteSources],
      loginsUnreportedSources:
        kind === FindingKind.DORMANT_ACCOUNT ? scope.sourceIds.filter((id) => !logins.has(id)) : [],
    };
  }

  @Query(() => [FindingCount], {
    description:
      "How many accounts each finding's rule matches in one snapshot (default: the newest COMPLETE or PARTIAL one): a summary for a console.",
  })
  async findingCounts(
    @Ctx() ctx: RequestContext,
    @Arg("snapshot", () => ID, { nullable: true }) snapshot?: string | null,
    @Arg("dormantDays", () => Int, { nullable: true }) dormantDays?: number | null,
  ): Promise<FindingCount[]> {
    const store = ctx.gateway.store;
    await syncRoster(ctx);
    const scope = await findingsScope(store, { snapshotId: snapshot, dormantDays });
    const counts = await findingCounts(store.review, scope);
    return counts.map((c) => ({
      ...c,
      snapshot: scope.snapshot.id,
      incompleteSources: [...scope.incompleteSources],
    }));
  }
}
