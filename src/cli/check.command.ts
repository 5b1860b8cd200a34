import { loadConfigFile } from "../config/load-config.js";
import { checksJson, renderChecks } from "./check-report.js";
import {
  answeredHelpOrVersion,
  type CliIo,
  type CommandResult,
  EXIT,
  parseCommandLine,
  UsageError,
} from "./cli-io.js";
import { checkSources } from "./source-checks.js";
import { checkStore } from "./store-check.js";

const CHECK_USAGE = `Usage: rollcall check [--config <file>] [--json]

Validates a config without serving it, then calls each configured source once with its
credentials (after a login, for sources that log in) and prints, per source: reachable,
authenticated, admin rights, latency and the problem. Admin rights are what the vendor says of
Rollcall's account; "unknown" where its answer can't tell (a note says why). Then it opens the
store (store.url) as start-up would, applying any pending migration (an SQLite file that does not
exist yet is created), and says whether it can be used.

Exit status: 0 when every source and the store can be used, 1 when the config is invalid or any
source or the store has a problem, 2 when the command line is wrong.

Options:
  --config <file>  The config to check, YAML or JSON (also ROLLCALL_CONFIG).
  --json           Print the findings as JSON instead of a table.
  -h, --help       This help.
  -v, --version    Rollcall's version.`;

export async function checkCommand(args: readonly string[], io: CliIo): Promise<CommandResult> {
  const { values } = parseCommandLine(args, {
    config: { type: "string" },
    json: { type: "boolean", default: false },
  });
  if (answeredHelpOrVersion(values, CHECK_USAGE, io)) return EXIT.ok;
  const path = values.config ?? io.env.ROLLCALL_CONFIG;
  if (!path) throw new UsageError("no config to check: pass --config <file> or set ROLLCALL_CONFIG");

  // A ConfigError here lists every problem of the file (run-cli prints it, exit 1).
  const config = await loadConfigFile(path, io.env);
  const [checks, store] = await Promise.all([checkSources(config), checkStore(config)]);
  io.out(values.json ? checksJson(checks, store) : renderChecks(checks, store));
  return checks.some((c) => c.problem) || !store.ok ? EXIT.problem : EXIT.ok;
}
