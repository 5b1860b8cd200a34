import type { RollcallConfig } from "../config/config-schema.js";
import type { DemoSimulators } from "../demo/start-demo.js";
import { stopOnSignals } from "./bounded-stop.js";
import {
  answeredHelpOrVersion,
  type CliIo,
  type CommandResult,
  EXIT,
  parseCommandLine,
  parsePort,
} from "./cli-io.js";

const SERVE_USAGE = `Usage: rollcall [--config <file>] [--demo] [--port <n>]   serve GraphQL (the default command)
       rollcall check [--config <file>] [--json]            check a config, every source and the store, then exit
       rollcall hash-key [<key> | -]                        make an API key and its hash
       rollcall plan <file> [--config <file>]               plan a desired-state file, print and store the plan
       rollcall apply <plan id> [--config <file>]           apply a stored plan, print each step's outcome
       rollcall snapshot [--config <file>] [--sources <ids>]  take a snapshot of access now, with a progress bar per source

Without a config, Rollcall serves its built-in demo: a simulator of each vendor on loopback.

Options:
  --config <file>  Sources and settings, YAML or JSON (also ROLLCALL_CONFIG).
  --demo           Serve the built-in demo even when a config is set.
  --port <n>       Listen port (also PORT; default server.port, 4000).
  -h, --help       This help; \`rollcall <command> --help\` for a command's own.
  -v, --version    Rollcall's version.`;

/** Starts the gateway (on a config, or on the demo's simulators) and keeps serving until a signal. */
export async function serveCommand(args: readonly string[], io: CliIo): Promise<CommandResult> {
  const { values } = parseCommandLine(args, {
    config: { type: "string" },
    demo: { type: "boolean", default: false },
    port: { type: "string" },
  });
  if (answeredHelpOrVersion(values, SERVE_USAGE, io)) return EXIT.ok;
  const configPath = values.config ?? io.env.ROLLCALL_CONFIG;
  const port =
    values.port !== undefined
      ? parsePort(values.port, "--port")
      : io.env.PORT !== undefined
        ? parsePort(io.env.PORT, "PORT")
        : undefined;
  // Loaded only to serve, so that --help and --version answer at once.
  const [{ startRollcall }, { loadConfigFile, parseConfig }, { demoConfig }, { startDemoSimulators }] =
    await Promise.all([
      import("../app.js"),
      import("../config/load-config.js"),
      import("../demo/demo-config.js"),
      import("../demo/start-demo.js"),
    ]);

  let simulators: DemoSimulators | null = null;
  let writeKey: string | null = null;
  let config: RollcallConfig;
  if (values.demo || !configPath) {
    simulators = await startDemoSimulators({ users: Number(io.env.ROLLCALL_DEMO_USERS ?? 60) });
    const demo = demoConfig(simulators, port);
    writeKey = demo.writeKey;
    config = parseConfig(demo.raw, io.env);
  } else {
    config = await loadConfigFile(configPath, io.env);
    if (port !== undefined) config.server.port = port;
  }

  const rollcall = await startRollcall(
    config,
    writeKey ? { graphiqlHeaders: { Authorization: `Bearer ${writeKey}` } } : {},
  ).catch(async (error: unknown) => {
    // A store that can't be opened (or a port in use) stops start-up: the simulators go too, or
    // they would keep the process alive after the message.
    await simulators?.stop();
    throw error;
  });
  const log = rollcall.server.app.log;
  const sources = config.sources.map((s) => `${s.id} (${s.kind})`);
  // What the API shows to whom: under NODE_ENV=production these default to off (README, Configuration).
  const exposure = {
    introspection: config.server.introspection,
    graphiql: config.server.graphiql,
    anonymousReads: config.auth.anonymousReads,
  };
  const consoleAt = config.server.console ? `; the console at ${rollcall.origin}/console/` : "";
  if (simulators) {
    log.info(
      { url: rollcall.url, sources, ...exposure },
      `Rollcall is running on its built-in demo: ${sources.length} simulated vendors on loopback. GraphQL and GraphiQL at ${rollcall.url}${consoleAt}`,
    );
    // The demo's own throwaway key: printed so a person can run mutations (GraphiQL has it pre-filled;
    // the console takes it at its sign-in).
    log.info(`Demo write key (valid until this process stops): Authorization: Bearer ${writeKey}`);
    const { writeDemoCliConfig } = await import("../demo/demo-cli-config.js");
    const cliConfig = await writeDemoCliConfig(simulators);
    log.info(`For the command line while the demo runs: rollcall plan <file> --config ${cliConfig}`);
    // Not awaited: the demo serves while it reads its simulators.
    const { takeFirstSnapshot } = await import("../demo/first-snapshot.js");
    void takeFirstSnapshot(rollcall, log);
  } else {
    log.info(
      { url: rollcall.url, sources, ...exposure },
      `Rollcall is running with ${sources.length} sources. GraphQL${config.server.graphiql ? " and GraphiQL" : ""} at ${rollcall.url}${consoleAt}`,
    );
  }

  // SIGTERM or SIGINT stops gracefully within server.stopTimeoutMs; a second one ends it at once.
  stopOnSignals({
    timeoutMs: config.server.stopTimeoutMs,
    log,
    stop: async () => {
      await rollcall.close();
      await simulators?.stop();
    },
    inFlight: rollcall.inFlight,
    exit: (status) => process.exit(status),
  });
  return "running";
}
