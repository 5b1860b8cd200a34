import "reflect-metadata";
import { parseArgs } from "node:util";
import { startRollcall } from "./app.js";
import type { RollcallConfig } from "./config/config-schema.js";
import { ConfigError, loadConfigFile, parseConfig } from "./config/load-config.js";
import { demoConfig } from "./demo/demo-config.js";
import { type DemoSimulators, startDemoSimulators } from "./demo/start-demo.js";
import { hashKey, newApiKey } from "./server/api-keys.js";

const USAGE = `Usage: rollcall [--config <file.yaml|file.json>] [--demo] [--port <n>]
       rollcall hash-key [<key>]

  --config   Sources and settings (also ROLLCALL_CONFIG). Without one, Rollcall runs its built-in demo.
  --demo     Run on the built-in vendor simulators even if a config is set.
  --port     Listen port (also PORT; default 4000).
  hash-key   Print a new API key and the SHA-256 to put in config (or the hash of <key>).`;

function hashKeyCommand(key: string | undefined): void {
  if (key) {
    console.log(hashKey(key));
    return;
  }
  const created = newApiKey();
  console.log(`key:    ${created.key}\nsha256: ${created.sha256}`);
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      config: { type: "string" },
      demo: { type: "boolean", default: false },
      port: { type: "string" },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) return console.log(USAGE);
  if (positionals[0] === "hash-key") return hashKeyCommand(positionals[1]);

  const configPath = values.config ?? process.env.ROLLCALL_CONFIG;
  const portText = values.port ?? process.env.PORT;
  const port = portText === undefined ? undefined : Number(portText);
  let simulators: DemoSimulators | null = null;
  let writeKey: string | null = null;
  let config: RollcallConfig;
  if (values.demo || !configPath) {
    simulators = await startDemoSimulators({ users: Number(process.env.ROLLCALL_DEMO_USERS ?? 60) });
    const demo = demoConfig(simulators, port);
    writeKey = demo.writeKey;
    config = parseConfig(demo.raw);
  } else {
    config = await loadConfigFile(configPath);
    if (port !== undefined) config.server.port = port;
  }

  const rollcall = await startRollcall(
    config,
    writeKey ? { graphiqlHeaders: { Authorization: `Bearer ${writeKey}` } } : {},
  );
  const log = rollcall.server.app.log;
  const sources = config.sources.map((s) => `${s.id} (${s.kind})`);
  if (simulators) {
    log.info(
      { url: rollcall.url, sources },
      `Rollcall is running on its built-in demo: ${sources.length} simulated vendors on loopback. GraphQL and GraphiQL at ${rollcall.url}`,
    );
    // The demo's own throwaway key: printed so a person can run mutations (GraphiQL has it pre-filled).
    log.info(`Demo write key (valid until this process stops): Authorization: Bearer ${writeKey}`);
  } else {
    log.info(
      { url: rollcall.url, sources },
      `Rollcall is running with ${sources.length} sources. GraphQL and GraphiQL at ${rollcall.url}`,
    );
  }

  const shutdown = async (signal: string) => {
    log.info({ signal }, "shutting down");
    await rollcall.close();
    await simulators?.stop();
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(error.message);
  else console.error("Rollcall failed to start:", error instanceof Error ? error.message : error);
  process.exit(1);
});
