import type { z } from "zod";
import type { BaseSourceConfig } from "../config/source-schema.js";
import type { SimServer } from "../simulator/sim-server.js";
import type { Connector } from "./connector.js";
import type { SourceCosts } from "./costs.js";
import type { CircuitChange } from "./http/circuit-breaker.js";
import type { UpstreamEvent } from "./http/http-client.js";
import type { SecretSet } from "./http/secrets.js";

/** What the gateway hands every connector it builds. */
export interface ConnectorDeps {
  /** Called after every upstream request (metrics, logs). */
  readonly observe?: (event: UpstreamEvent) => void;
  /** Called when a source's circuit breaker opens or closes (logs, metrics). */
  readonly onCircuitChange?: (change: CircuitChange) => void;
  /** Every source's secrets, gathered for the logger to scrub (see source-basics.ts `httpFor`). */
  readonly secrets?: SecretSet;
}

export interface SimulatorOptions {
  /** Generated users on top of the doc examples (deterministic). */
  readonly users?: number;
}

/** A vendor folder's one export: everything the registry needs to know about that vendor. */
export interface VendorModule<
  C extends BaseSourceConfig & { kind: string } = BaseSourceConfig & { kind: string },
> {
  /** The `kind` value in config (e.g. "squash-tm"). */
  readonly kind: C["kind"];
  /** The product name shown to people. */
  readonly vendor: string;
  /** Validates one `sources[]` entry of this kind. */
  readonly configSchema: z.ZodType<C, unknown>;
  createConnector(config: C, deps: ConnectorDeps): Connector;
  /** What its reads cost in upstream calls (costs.ts), for the estimate made before an operation runs. */
  costs(config: C): SourceCosts;
  readonly simulator: {
    /** A simulator seeded with the doc examples plus generated data, not yet started. */
    create(options?: SimulatorOptions): SimServer;
    /** The config entry (before validation) that reaches a started simulator as its admin. */
    demoSource(url: string, id: string): Record<string, unknown>;
    /** Every kind of `auth` this vendor's config takes, each accepted by a started simulator (the
     *  demo's first): what the secrets tests sign in with. */
    readonly demoAuths: ReadonlyArray<Record<string, unknown>>;
    /** An id in this vendor's id format that the simulator does not have (for miss tests). */
    readonly unknownId: string;
  };
}
