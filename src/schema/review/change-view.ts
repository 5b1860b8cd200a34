import { eventView } from "../../audit/event-view.js";
import type { LinkedChange } from "../../history/changes/access-changes.js";
import { ACCOUNT_KEY_PREFIX } from "../../people/join.js";
import { toGlobalId } from "../common/global-id.js";
import type { AccessChange, ReviewContainer } from "./access-change.type.js";

const container = (
  sourceId: string,
  c: {
    readonly kind?: string;
    readonly type?: string;
    readonly id: string;
    readonly name: string | null;
  } | null,
): ReviewContainer | null => {
  if (!c) return null;
  const type = (c.kind ?? c.type) as "GROUP" | "TEAM";
  return {
    type,
    id: c.id,
    globalId: toGlobalId(sourceId, type === "GROUP" ? "Group" : "Team", c.id),
    name: c.name,
  };
};

/** A change as GraphQL (and the export) shows it. */
export function changeView(c: LinkedChange): AccessChange {
  return {
    kind: c.kind,
    origin: c.origin,
    auditEvent: c.auditEvent && (eventView(c.auditEvent) as unknown as AccessChange["auditEvent"]),
    source: c.sourceId,
    account: {
      source: c.sourceId,
      remoteId: c.remoteId,
      userId: toGlobalId(c.sourceId, "User", c.remoteId),
      email: c.email,
      displayName: c.displayName,
    },
    person: c.personKey,
    personEmail: c.personKey.startsWith(ACCOUNT_KEY_PREFIX) ? null : c.personKey,
    project: c.project && {
      id: c.project.id,
      projectId: c.project.id === null ? null : toGlobalId(c.sourceId, "Project", c.project.id),
      name: c.project.name,
    },
    before: c.before,
    after: c.after,
    via: container(c.sourceId, c.via),
    group: container(c.sourceId, c.container),
  } as AccessChange;
}
