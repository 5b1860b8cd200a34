import { AuditTrail, type StoreTrouble } from "./audit/audit-trail.js";
import { withAuditedWrites } from "./audit/audited-writes.js";
import type { RollcallConfig, SourceConfig } from "./config/config-schema.js";
import type { Store } from "./store/store.js";
import { connect } from "./vendors/capabilities.js";
import type { Connector } from "./vendors/connector.js";
import { LEARNED_KEPT, SecretSet } from "./vendors/http/secrets.js";
import { withReadInvalidation } from "./vendors/read-invalidation.js";
import { vendorFor } from "./vendors/registry.js";
import type { ConnectorDeps } from "./vendors/vendor-module.js";

/** The configured sources, one connector each, in config order. Lives as long as the server. */
export class Gateway {
  private readonly byId: ReadonlyMap<string, Connector>;
  /** Told what went wrong with a snapshot beyond a source's failure (the store), for the server's
   *  log; set by the server once its logger exists. */
  snapshotTrouble: ((error: unknown, doing: string) => void) | undefined = undefined;
  /** The job engine plans are applied through when replicas share a PostgreSQL store; undefined:
   *  this process applies them itself. Set by the server once it runs. */
  planJobs: import("./plans/plan-jobs.js").PlanJobs | undefined = undefined;
  /** The job engine snapshots are taken through when replicas share a PostgreSQL store; undefined:
   *  this process takes them itself. Set by the server once it runs. */
  snapshotJobs: import("./history/snapshot-jobs.js").SnapshotJobs | undefined = undefined;

  constructor(
    readonly connectors: readonly Connector[],
    /** Every source's secrets, those learned at run time included: what the logger scrubs. */
    readonly secrets: SecretSet = new SecretSet(),
    private readonly memory?: Store,
    /** Where changes are recorded: the connectors' writes, and Rollcall's own link changes. */
    readonly trail: AuditTrail = new AuditTrail(memory ?? null),
  ) {
    this.byId = new Map(connectors.map((c) => [c.source.id, c]));
  }

  /**
   * Every connector's writes go through the audit trail (audit/audited-writes.ts), recorded in
   * `store`; without a store every write is refused (AUDIT_UNAVAILABLE): nothing changes unrecorded.
   * `trouble` hears what went wrong with the store (for the server's log). With a shared read
   * cache, each write also drops its source's cached reads (vendors/read-invalidation.ts).
   */
  static fromConfig(
    config: RollcallConfig,
    deps: ConnectorDeps = {},
    store?: Store,
    trouble?: StoreTrouble,
  ): Gateway {
    const secrets = deps.secrets ?? new SecretSet(LEARNED_KEPT * Math.max(1, config.sources.length));
    const trail = new AuditTrail(store ?? null, trouble);
    return new Gateway(
      config.sources.map((source: SourceConfig) => {
        const vendor = vendorFor(source.kind);
        if (!vendor) throw new Error(`no vendor module for kind "${source.kind}"`);
        const maxRequestsPerMinute =
          source.maxRequestsPerMinute ?? vendor.documentedRequestsPerMinute?.(source as never);
        const audited = withAuditedWrites(
          connect(vendor, { ...source, maxRequestsPerMinute }, { ...deps, secrets }),
          trail,
        );
        return deps.readCache ? withReadInvalidation(audited, deps.readCache.cache) : audited;
      }),
      secrets,
      store,
      trail,
    );
  }

  /**
   * Rollcall's memory: account links, plans, the audit trail. Opened (and closed) by startRollcall;
   * a gateway built without one (`rollcall check`, unit tests) has none to give.
   */
  get store(): Store {
    if (!this.memory) throw new Error("this gateway was built without a store");
    return this.memory;
  }

  connector(id: string): Connector | undefined {
    return this.byId.get(id);
  }

  async close(): Promise<void> {
    await Promise.all(this.connectors.map((c) => c.close()));
  }
}
