/**
 * The gateway as a command runs it: the config's connectors and store in this process, no server.
 * What `rollcall plan` and `rollcall apply` read and write through, exactly as the server's
 * resolvers do (one RequestContext, the same loaders, the same store).
 */
import type { RollcallConfig } from "../config/config-schema.js";
import { loadConfigFile } from "../config/load-config.js";
import { Gateway } from "../gateway.js";
import { RequestContext, type RequestSettings } from "../loaders/request-context.js";
import { openStore } from "../store/open-store.js";
import type { Store } from "../store/store.js";
import { type CliIo, UsageError } from "./cli-io.js";

/** Who the audit trail and the plans name as having planned or applied from the command line. */
export const CLI_CALLER = "cli";

export interface LocalGateway {
  readonly config: RollcallConfig;
  readonly ctx: RequestContext;
  readonly store: Store;
  /** What `ctx` was made with: a job worker in this process makes its own contexts alike. */
  readonly requestSettings: RequestSettings;
}

/** The config `--config` or ROLLCALL_CONFIG names; a UsageError when neither does. */
export function configPathOf(path: string | undefined, io: CliIo): string {
  const chosen = path ?? io.env.ROLLCALL_CONFIG;
  if (!chosen) throw new UsageError("no config: pass --config <file> or set ROLLCALL_CONFIG");
  return chosen;
}

/** Opens the config's store and connectors, runs `work`, and closes both whatever happens. */
export async function withLocalGateway<T>(
  configPath: string,
  io: CliIo,
  work: (local: LocalGateway) => Promise<T>,
): Promise<T> {
  // A ConfigError lists every problem of the file; a StoreOpenError says which store and why.
  const config = await loadConfigFile(configPath, io.env);
  const store = await openStore(config.store);
  let gateway: Gateway | undefined;
  try {
    gateway = Gateway.fromConfig(config, {}, store);
    const requestSettings: RequestSettings = {
      maxPageSize: config.server.maxPageSize,
      batching: config.server.batching,
      countScanLimit: config.server.countScanLimit,
      templates: config.templates,
    };
    const ctx = new RequestContext(gateway, requestSettings);
    return await work({ config, ctx, store, requestSettings });
  } finally {
    await gateway?.close();
    await store.close();
  }
}
