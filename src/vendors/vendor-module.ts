import type { z } from "zod";
import type { BaseSourceConfig } from "../config/source-schema.js";
import type { SimServer } from "../simulator/sim-server.js";
import type { VendorConnector } from "./connector.js";
import type { DirectoryFloor, SourceCosts } from "./costs.js";
import type { CircuitChange, SharedCircuits } from "./http/circuit-breaker.js";
import type { BudgetWaitEvent, ReadCacheEvent, UpstreamEvent } from "./http/http-client.js";
import type { ReadCache, ReadCacheTtls } from "./http/read-cache.js";
import type { BudgetCounter } from "./http/request-budget.js";
import type { SecretSet } from "./http/secrets.js";

/** What the gateway hands every connector it builds. */
export interface ConnectorDeps {
  /** Called after every upstream request (metrics, logs). */
  readonly observe?: (event: UpstreamEvent) => void;
  /** Called when a request waited for its source's request budget (metrics). */
  readonly observeBudgetWait?: (event: BudgetWaitEvent) => void;
  /** Called for every read the shared read cache is asked for (metrics). */
  readonly observeReadCache?: (event: ReadCacheEvent) => void;
  /** Called when a source's circuit breaker opens or closes (logs, metrics). */
  readonly onCircuitChange?: (change: CircuitChange) => void;
  /** Every source's secrets, gathered for the logger to scrub (see source-basics.ts `httpFor`). */
  readonly secrets?: SecretSet;
  /** Counts each source's requests against its maxRequestsPerMinute; absent: in this process. */
  readonly budgetCounter?: BudgetCounter;
  /** Where replicas share open circuits (shared-state/); absent: each keeps its own. */
  readonly sharedCircuits?: SharedCircuits;
  /** Vendor reads shared by replicas (`redis.readCache`); absent: every read goes to the vendor. */
  readonly readCache?: { readonly cache: ReadCache; readonly ttlSeconds: ReadCacheTtls };
}

export interface SimulatorOptions {
  /** Generated users on top of the doc examples (deterministic). */
  readonly users?: number;
}

/** A vendor's part of the demo's onboarding template (names as its simulator seeds them). */
export interface DemoOnboarding {
  readonly grants?: ReadonlyArray<{ readonly project: string; readonly role?: string }>;
  readonly groups?: readonly string[];
  readonly teams?: readonly string[];
}

/**
 * One example from the vendor's doc pages, seeded by its simulator, as GraphQL answers it: the
 * shared doc-examples suite reads `node(id:)` for it and checks the answer holds `holds`.
 */
export interface DocExample {
  /** What the doc page shows, said as a spec ("user 1 Alexis Gonzalez holds the Lead role"). */
  readonly shows: string;
  readonly type: "User" | "Team" | "Group" | "Project";
  /** The object's id in the vendor. */
  readonly remoteId: string;
  /** The fields to read: a GraphQL selection on that type. */
  readonly select: string;
  /** What the answer holds: every key given (for objects), every item given in any order (for lists). */
  readonly holds: Readonly<Record<string, unknown>>;
}

/** One user as the benchmarks' mid-sized operation reads it (bench/lib/queries.ts `midSized`). */
export interface BaselineUser {
  readonly id: string;
  readonly displayName: string;
  readonly email: string | null;
  readonly active: boolean;
  readonly permissions: ReadonlyArray<{
    readonly role: string | null;
    readonly level: string;
    readonly project: { readonly name: string } | null;
  }>;
}

/** A vendor folder's one export: everything the registry needs to know about that vendor. */
export interface VendorModule<
  C extends BaseSourceConfig & { kind: string } = BaseSourceConfig & { kind: string },
> {
  /** The `kind` value in config (e.g. "acme-tm"). */
  readonly kind: C["kind"];
  /** The product name shown to people. */
  readonly vendor: string;
  /** Validates one `sources[]` entry of this kind. */
  readonly configSchema: z.ZodType<C, unknown>;
  /** Its connector for one source (the gateway adds the capabilities: capabilities.ts `connect`). */
  createConnector(config: C, deps: ConnectorDeps): VendorConnector;
  /**
   * The requests per minute the vendor documents for this source's instance, if it documents one:
   * the source's `maxRequestsPerMinute` when its config sets none.
   */
  documentedRequestsPerMinute?(config: C): number | undefined;
  /** What its reads cost in upstream calls (costs.ts), for the estimate made before an operation runs. */
  costs(config: C): SourceCosts;
  /** The fewest calls its API allows for the directory, and the critical path (costs.ts). */
  readonly floor: DirectoryFloor;
  /**
   * Whether the vendor's user payloads carry a last-login time (`User.lastLoginAt`), and what says
   * so (its README's mapping): a snapshot records it per source, so dormancy is judged only where
   * logins are reported. Absent: unknown.
   */
  readonly logins?: { readonly reported: boolean; readonly basis: string };
  /**
   * The benchmarks' hand-written baseline (handwritten.ts): the first `first` users of a source
   * configured by `source` (a config entry as `simulator.demoSource` gives it) with their
   * permissions, read from the vendor's REST API with plain `fetch` — no GraphQL, no loaders, no
   * cache — and answered as the gateway answers the same read, deep-equal.
   */
  handwritten(source: Record<string, unknown>, first: number): Promise<readonly BaselineUser[]>;
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
    /** Examples from the vendor's doc pages that the simulator seeds (doc-examples.ts). */
    readonly docExamples: readonly DocExample[];
    /**
     * What a new tester gets in this simulator's seed, named as the vendor names them: the demo's
     * `mobile-tester` onboarding template holds these for the vendor's source. Absent: nothing.
     */
    readonly demoOnboarding?: DemoOnboarding;
  };
}
