/**
 * Account links in the audit trail: a link decides which accounts an offboarding takes away, so
 * who linked what is recorded like a vendor write — through the same trail (audit-trail.ts), an
 * intent per account before the store's link changes, its outcome after. An intent that can't be
 * recorded means the link is not changed (AuditUnavailableError, as for vendor writes).
 */
import { StepAction } from "../plans/plan.js";
import { toGlobalId } from "../schema/common/global-id.js";
import type { AccountRef, LinkStore } from "../store/store.js";
import type { SourceDescriptor } from "../vendors/connector.js";
import type { AuditTrail } from "./audit-trail.js";
import { applied, unchanged } from "./outcome-parts.js";

/** One account's link, as it is and as the change makes it (a person's key; null: no link). */
export interface LinkChange {
  readonly account: AccountRef;
  readonly before: string | null;
  readonly after: string | null;
}

/** What an event's `before` and `after` hold: the person the account is linked to, or null. */
export const linkView = (personKey: string | null) => ({ person: personKey });

/**
 * Links every account of `changes` (all of one source) to `personKey`, or unlinks them all when it
 * is null, one audit event each; an account already so is recorded UNCHANGED and not written.
 */
export function auditedLinkChange(
  trail: AuditTrail,
  links: LinkStore,
  source: SourceDescriptor,
  changes: readonly LinkChange[],
  personKey: string | null,
  by: string,
): Promise<void> {
  const changed = changes.filter((c) => c.before !== c.after).map((c) => c.account);
  return trail.write(
    source,
    () =>
      changes.map((c) => ({
        target: toGlobalId(c.account.sourceId, "User", c.account.remoteId),
        action: personKey === null ? StepAction.UNLINK_ACCOUNT : StepAction.LINK_ACCOUNT,
        before: linkView(c.before),
        after: linkView(c.after),
        account: { remoteId: c.account.remoteId, user: null },
        // Filed under the person gaining the account, or the one losing it.
        person: personKey ?? c.before,
      })),
    async () => {
      if (changed.length === 0) return;
      if (personKey === null) await links.unlink(changed);
      else await links.link(changed, personKey, by);
    },
    () =>
      changes.map((c) =>
        c.before === c.after
          ? unchanged(personKey === null ? "The account had no link" : "Already linked to this person")
          : applied(),
      ),
  );
}
