import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import type { TracerProvider } from "@opentelemetry/api";
import { type RunningRollcall, startRollcall } from "../../src/app.js";
import { parseConfig } from "../../src/config/load-config.js";
import { newApiKey } from "../../src/server/api-keys.js";
import type { SimServer } from "../../src/simulator/sim-server.js";
import { vendors as registered } from "../../src/vendors/registry.js";
import type { VendorModule } from "../../src/vendors/vendor-module.js";

export interface GraphQLResponse<D = Record<string, unknown>> {
  readonly status: number;
  readonly data?: D;
  readonly errors?: Array<{
    message: string;
    path?: Array<string | number>;
    extensions?: Record<string, unknown>;
  }>;
}

export interface GatewayHarness {
  readonly rollcall: RunningRollcall;
  /** The store's URL (by default a temporary SQLite file, removed on stop). */
  readonly storeUrl: string;
  /** Simulators by source id (the source id is the vendor kind). */
  readonly sims: ReadonlyMap<string, SimServer>;
  /** Everything the gateway logged, as JSON lines. */
  readonly logs: string[];
  gql<D = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse<D>>;
  /** Like gql, with the harness's write-scoped API key (what mutations need). */
  mutate<D = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<GraphQLResponse<D>>;
  /** API keys the gateway accepts: one write-scoped, one read-scoped. */
  readonly keys: { readonly write: string; readonly read: string };
  /** Requests per source since the last clearLogs(). */
  upstreamCounts(): Record<string, number>;
  clearLogs(): void;
  stop(): Promise<void>;
}

export interface GatewayOptions {
  readonly users?: number;
  /** Which sources to run: a vendor and its source id. Default: every registered vendor, id = kind. */
  readonly instances?: ReadonlyArray<{ readonly vendor: VendorModule; readonly id: string }>;
  /** Extra keys per source id (e.g. a short timeout). */
  readonly sourceOverrides?: Record<string, Record<string, unknown>>;
  readonly server?: Record<string, unknown>;
  /** Merged into the auth section (beside the harness's two keys and anonymous reads). */
  readonly auth?: Record<string, unknown>;
  readonly extraConfig?: Record<string, unknown>;
  /** The environment the config is read in (NODE_ENV decides some defaults); default process.env. */
  readonly env?: NodeJS.ProcessEnv;
  /**
   * The store's URL (a PostgreSQL one, or a file to reopen after a restart). Default: a fresh SQLite
   * file in a temporary directory, removed on stop().
   */
  readonly storeUrl?: string;
  /** Traces the gateway with this provider (an in-memory exporter), whatever the config says. */
  readonly tracerProvider?: TracerProvider;
}

/** Every (or the chosen) vendor simulator on loopback and a gateway over them, as the demo runs. */
export async function startGateway(options: GatewayOptions = {}): Promise<GatewayHarness> {
  const sims = new Map<string, SimServer>();
  const sources: Record<string, unknown>[] = [];
  const instances = options.instances ?? registered.map((vendor) => ({ vendor, id: vendor.kind }));
  for (const { vendor, id } of instances) {
    const sim = vendor.simulator.create({ users: options.users ?? 30 });
    const url = await sim.start();
    sims.set(id, sim);
    sources.push({
      ...vendor.simulator.demoSource(url, id),
      retryBaseDelayMs: 10,
      ...options.sourceOverrides?.[id],
    });
  }
  const storeDir = options.storeUrl ? null : mkdtempSync(join(tmpdir(), "rollcall-harness-"));
  const storeUrl = options.storeUrl ?? `file:${join(storeDir as string, "rollcall.db")}`;
  const write = newApiKey();
  const read = newApiKey();
  const parse = (raw: unknown) => parseConfig(raw, options.env);
  const config = parse({
    server: {
      port: 0,
      host: "127.0.0.1",
      // Test files share the machine's cores: a worker's event loop can lag a second, which is not
      // what a test is about (test/integration/overload.test.ts covers load shedding).
      overload: { maxEventLoopDelayMs: 0 },
      ...options.server,
    },
    logging: { level: "info" },
    auth: {
      apiKeys: [
        { name: "test-writer", scope: "write", sha256: write.sha256 },
        { name: "test-reader", scope: "read", sha256: read.sha256 },
      ],
      anonymousReads: true,
      ...options.auth,
    },
    sources,
    store: { url: storeUrl },
    ...options.extraConfig,
  });
  const logs: string[] = [];
  const logStream = new PassThrough();
  logStream.on("data", (chunk: Buffer) => logs.push(...chunk.toString("utf8").split("\n").filter(Boolean)));
  const removeStore = () => {
    if (storeDir) rmSync(storeDir, { recursive: true, force: true });
  };
  const rollcall = await startRollcall(config, { logStream, tracerProvider: options.tracerProvider }).catch(
    async (error: unknown) => {
      await Promise.all([...sims.values()].map((s) => s.stop()));
      removeStore();
      throw error;
    },
  );
  const harness: GatewayHarness = {
    rollcall,
    storeUrl,
    sims,
    logs,
    keys: { write: write.key, read: read.key },
    mutate: (query, variables) => harness.gql(query, variables, { authorization: `Bearer ${write.key}` }),
    async gql(query, variables, headers) {
      const response = await fetch(rollcall.url, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as Omit<GraphQLResponse, "status">;
      return { status: response.status, ...body } as never;
    },
    upstreamCounts() {
      return Object.fromEntries([...sims].map(([id, sim]) => [id, sim.log.total]));
    },
    clearLogs() {
      for (const sim of sims.values()) sim.log.clear();
    },
    async stop() {
      await rollcall.close();
      await Promise.all([...sims.values()].map((s) => s.stop()));
      removeStore();
    },
  };
  return harness;
}

/** The global id of the first user a source lists (read before counting calls: it is a read too). */
export async function firstUserId(gw: GatewayHarness, source: string): Promise<string> {
  const { data, errors } = await gw.gql<{ users: { nodes: Array<{ id: string }> } }>(
    `{ users(sources: ["${source}"], first: 1) { nodes { id } } }`,
  );
  const id = data?.users.nodes[0]?.id;
  if (!id) throw new Error(`source "${source}" listed no user: ${JSON.stringify(errors)}`);
  return id;
}
