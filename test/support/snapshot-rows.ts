/**
 * What a snapshot stored, read straight from the harness's SQLite file with its own connection
 * (not through the store's code), so a spec checks the rows themselves.
 */
import { createClient } from "@libsql/client";

export interface StoredAccount {
  readonly sourceId: string;
  readonly remoteId: string;
  readonly personKey: string;
  readonly personBasis: string;
  readonly email: string | null;
  readonly active: boolean;
  readonly lastLoginAt: string | null;
  readonly grantsRead: boolean;
  readonly membershipsRead: boolean;
  readonly grants: string[];
  readonly memberships: string[];
}

/** Every account of one snapshot, with its grants and memberships as sortable lines. */
export async function storedAccounts(storeUrl: string, snapshotId: string): Promise<StoredAccount[]> {
  const db = createClient({ url: storeUrl });
  try {
    const rows = async (sql: string) => (await db.execute({ sql, args: [snapshotId] })).rows;
    const accounts = await rows("SELECT * FROM snapshot_accounts WHERE snapshot_id = ?");
    const grants = await rows("SELECT * FROM snapshot_grants WHERE snapshot_id = ?");
    const memberships = await rows("SELECT * FROM snapshot_memberships WHERE snapshot_id = ?");
    const key = (r: Record<string, unknown>) => `${r.source_id}:${r.remote_id}`;
    const grantLines = new Map<string, string[]>();
    for (const g of grants)
      grantLines.set(key(g), [
        ...(grantLines.get(key(g)) ?? []),
        `${g.project_name ?? "*"}|${g.role ?? "?"}|${g.level}|${g.via_id}`,
      ]);
    const memberLines = new Map<string, string[]>();
    for (const m of memberships)
      memberLines.set(key(m), [...(memberLines.get(key(m)) ?? []), `${m.kind}:${m.container_name}`]);
    return accounts.map((a) => ({
      sourceId: String(a.source_id),
      remoteId: String(a.remote_id),
      personKey: String(a.person_key),
      personBasis: String(a.person_basis),
      email: a.email === null ? null : String(a.email),
      active: Number(a.active) === 1,
      lastLoginAt: a.last_login_at === null ? null : String(a.last_login_at),
      grantsRead: Number(a.grants_read) === 1,
      membershipsRead: Number(a.memberships_read) === 1,
      grants: (grantLines.get(key(a)) ?? []).sort(),
      memberships: (memberLines.get(key(a)) ?? []).sort(),
    }));
  } finally {
    db.close();
  }
}

/** Rows of one snapshot per table (what `clearSource` must leave none of for a failed source). */
export async function storedRowCounts(
  storeUrl: string,
  snapshotId: string,
  sourceId: string,
): Promise<Record<string, number>> {
  const db = createClient({ url: storeUrl });
  try {
    const out: Record<string, number> = {};
    for (const table of [
      "snapshot_accounts",
      "snapshot_grants",
      "snapshot_memberships",
      "snapshot_containers",
    ]) {
      const { rows } = await db.execute({
        sql: `SELECT count(*) AS n FROM ${table} WHERE snapshot_id = ? AND source_id = ?`,
        args: [snapshotId, sourceId],
      });
      out[table] = Number(rows[0]?.n ?? 0);
    }
    return out;
  } finally {
    db.close();
  }
}
