/**
 * Snapshots written straight into a store, as the taking of snapshots would leave them: each
 * source's part COMPLETE with its accounts, or FAILED with none (its accounts unknown).
 */
import {
  PersonBasis,
  type SnapshotAccount,
  type SnapshotGrant,
  type SnapshotMembership,
  SnapshotSourceStatus,
  SnapshotStatus,
  SnapshotTrigger,
} from "../../src/history/snapshot.js";
import { PermissionLevel } from "../../src/model/records.js";
import { toGlobalId } from "../../src/schema/common/global-id.js";
import type { Store } from "../../src/store/store.js";

export interface PartFixture {
  /** Default COMPLETE. A FAILED part keeps no accounts. */
  readonly status?: SnapshotSourceStatus.COMPLETE | SnapshotSourceStatus.FAILED;
  /** Default true. */
  readonly loginsReported?: boolean | null;
  readonly accounts?: readonly SnapshotAccount[];
}

/** Write a finished snapshot: its status follows from its parts unless given. */
export async function writeSnapshot(
  store: Store,
  id: string,
  at: Date,
  parts: Record<string, PartFixture>,
  options: { readonly status?: SnapshotStatus; readonly trigger?: SnapshotTrigger } = {},
): Promise<void> {
  const sourceIds = Object.keys(parts);
  await store.history.createSnapshot({
    id,
    trigger: options.trigger ?? SnapshotTrigger.MANUAL,
    takenBy: "key:spec",
    startedAt: at,
    sourceIds,
  });
  let failed = 0;
  for (const [sourceId, part] of Object.entries(parts)) {
    const status = part.status ?? SnapshotSourceStatus.COMPLETE;
    if (status === SnapshotSourceStatus.FAILED) {
      failed++;
      await store.history.updateSource(id, sourceId, {
        status,
        error: { code: "SOURCE_UNAVAILABLE", message: `${sourceId} answered 503` },
      });
      continue;
    }
    const accounts = (part.accounts ?? []).map((a) => ({ ...a, sourceId }));
    await store.history.writeAccounts(id, accounts);
    await store.history.updateSource(id, sourceId, {
      status,
      accountsRead: accounts.length,
      accountsTotal: accounts.length,
      loginsReported: part.loginsReported === undefined ? true : part.loginsReported,
      startedAt: at,
      finishedAt: at,
    });
  }
  const status =
    options.status ??
    (failed === 0
      ? SnapshotStatus.COMPLETE
      : failed === sourceIds.length
        ? SnapshotStatus.FAILED
        : SnapshotStatus.PARTIAL);
  await store.history.finishSnapshot(id, status, new Date(at.getTime() + 1000));
}

/** An account, by its email's person unless it has none (then a person of its own). */
export function account(
  remoteId: string,
  fields: Partial<Omit<SnapshotAccount, "remoteId">> = {},
): SnapshotAccount {
  const email = fields.email === undefined ? `${remoteId}@example.com` : fields.email;
  const sourceId = fields.sourceId ?? "alpha";
  return {
    sourceId,
    remoteId,
    personKey:
      fields.personKey ?? (email ? email.toLowerCase() : `account:${toGlobalId(sourceId, "User", remoteId)}`),
    personBasis: fields.personBasis ?? (email ? PersonBasis.EMAIL : PersonBasis.NONE),
    email,
    login: fields.login ?? remoteId,
    displayName: fields.displayName ?? remoteId,
    active: fields.active ?? true,
    admin: fields.admin ?? false,
    lastLoginAt: fields.lastLoginAt ?? null,
    createdAt: fields.createdAt ?? null,
    archived: fields.archived ?? false,
    grants: fields.grants === undefined ? [] : fields.grants,
    memberships: fields.memberships === undefined ? [] : fields.memberships,
  };
}

export function grant(
  projectId: string | null,
  role: string | null,
  level: PermissionLevel = PermissionLevel.EXECUTE,
  via: SnapshotGrant["via"] = null,
): SnapshotGrant {
  return { projectId, projectName: projectId && `Project ${projectId}`, role, level, via };
}

export function member(kind: "GROUP" | "TEAM", containerId: string): SnapshotMembership {
  return { kind, containerId, containerName: `${kind === "GROUP" ? "Group" : "Team"} ${containerId}` };
}
