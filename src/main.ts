import "reflect-metadata";
import { parseArgs } from "node:util";
import { startRollcall } from "./app.js";
import { ConfigError, loadConfigFile, parseConfig } from "./config/load-config.js";
import { startDemoSimulators } from "./demo/start-demo.js";

const USAGE = `Usage: rollcall [--config <file.yaml|file.json>] [--demo] [--port <n>]

  --config   Sources and settings (also ROLLCALL_CONFIG). Without one, Rollcall runs its built-in demo.
  --demo     Run on the built-in vendor simulators even if a config is set.
  --port     Listen port (also PORT; default 4000).`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      config: { type: "string" },
      demo: { type: "boolean", default: false },
      port: { type: "string" },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const configPath = values.config ?? process.env.ROLLCALL_CONFIG;
  const port = values.port ?? process.env.PORT;
  const demo = values.demo || !configPath;

  const simulators = demo
    ? await startDemoSimulators({ users: Number(process.env.ROLLCALL_DEMO_USERS ?? 60) })
    : null;
  const config = simulators
    ? parseConfig({ sources: simulators.sources, ...(port && { server: { port: Number(port) } }) })
    : await loadConfigFile(configPath as string);
  if (port && !simulators) config.server.port = Number(port);

  const rollcall = await startRollcall(config);
  const log = rollcall.server.app.log;
  log.info(
    { url: rollcall.url, sources: config.sources.map((s) => `${s.id} (${s.kind})`) },
    simulators
      ? `Rollcall is running on its built-in demo: ${config.sources.length} simulated vendors on loopback. GraphQL and GraphiQL at ${rollcall.url}`
      : `Rollcall is running with ${config.sources.length} sources. GraphQL and GraphiQL at ${rollcall.url}`,
  );

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
