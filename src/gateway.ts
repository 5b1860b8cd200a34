import type { RollcallConfig, SourceConfig } from "./config/config-schema.js";
import type { Connector } from "./vendors/connector.js";
import { vendorFor } from "./vendors/registry.js";
import type { ConnectorDeps } from "./vendors/vendor-module.js";

/** The configured sources, one connector each, in config order. Lives as long as the server. */
export class Gateway {
  private readonly byId: ReadonlyMap<string, Connector>;

  constructor(readonly connectors: readonly Connector[]) {
    this.byId = new Map(connectors.map((c) => [c.source.id, c]));
  }

  static fromConfig(config: RollcallConfig, deps: ConnectorDeps = {}): Gateway {
    return new Gateway(
      config.sources.map((source: SourceConfig) => {
        const vendor = vendorFor(source.kind);
        if (!vendor) throw new Error(`no vendor module for kind "${source.kind}"`);
        return vendor.createConnector(source, deps);
      }),
    );
  }

  connector(id: string): Connector | undefined {
    return this.byId.get(id);
  }

  async close(): Promise<void> {
    await Promise.all(this.connectors.map((c) => c.close()));
  }
}
