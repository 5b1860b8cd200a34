import { Arg, Ctx, Int, Query, Resolver } from "type-graphql";
import { decodeAuditCursor, encodeAuditCursor } from "../../audit/audit-cursor.js";
import { auditFilterOf } from "../../audit/audit-filter.js";
import { type AuditEventView, eventView } from "../../audit/event-view.js";
import { RequestContext } from "../../loaders/request-context.js";
import { InputError } from "../../model/errors.js";
import { AuditEventConnection } from "./audit-event.type.js";
import { AuditFilterInput } from "./audit-filter.input.js";

@Resolver()
export class AuditEventsQuery {
  @Query(() => AuditEventConnection, {
    description:
      "The audit trail, oldest first: every change Rollcall sent (or refused to send) to a vendor, recorded before it was sent, with its outcome. Append-only: nothing in the API changes or deletes an event (only `store.auditRetentionDays` ends them).",
  })
  async auditEvents(
    @Ctx() ctx: RequestContext,
    @Arg("filter", () => AuditFilterInput, { nullable: true }) filter?: AuditFilterInput | null,
    @Arg("first", () => Int, {
      defaultValue: 50,
      description: "How many events (at most the server's maxPageSize).",
    })
    first = 50,
    @Arg("after", () => String, {
      nullable: true,
      description: "The `cursor` of the last event already seen.",
    })
    after?: string | null,
  ): Promise<AuditEventConnection> {
    const { maxPageSize } = ctx.settings;
    if (!Number.isInteger(first) || first < 0 || first > maxPageSize)
      throw new InputError(`\`first\` must be between 0 and ${maxPageSize}`, "first");
    const storeFilter = auditFilterOf(filter, (key) => `filter.${key}`);
    const from = after == null ? undefined : decodeAuditCursor(after, "after");
    // One more than asked says whether there is a next page.
    const events = await ctx.gateway.store.audit.list(storeFilter, { first: first + 1, after: from });
    const page = events.slice(0, first).map(eventView);
    const edges = page.map((node: AuditEventView) => ({ node, cursor: encodeAuditCursor(node.id) }));
    return {
      edges,
      nodes: page,
      pageInfo: {
        hasNextPage: events.length > first,
        hasPreviousPage: from !== undefined,
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges.at(-1)?.cursor ?? null,
      },
    } as unknown as AuditEventConnection;
  }
}
