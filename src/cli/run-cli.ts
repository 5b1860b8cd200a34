import { type CliIo, type CommandResult, EXIT, UsageError } from "./cli-io.js";

type Command = (args: readonly string[], io: CliIo) => Promise<CommandResult>;

/** Each command is loaded only when run: `hash-key` and `--version` need no GraphQL server. */
const COMMANDS: Record<string, () => Promise<Command>> = {
  check: async () => (await import("./check.command.js")).checkCommand,
  "hash-key": async () => (await import("./hash-key.command.js")).hashKeyCommand,
  plan: async () => (await import("./plan.command.js")).planCommand,
  apply: async () => (await import("./apply.command.js")).applyCommand,
  snapshot: async () => (await import("./snapshot.command.js")).snapshotCommand,
};
const serve = async () => (await import("./serve.command.js")).serveCommand;

/**
 * `rollcall [<command>] [options]`: the first argument names a command unless it is an option;
 * without one, Rollcall serves. Every failure is a message and an exit status, never a stack.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<CommandResult> {
  const [first, ...rest] = argv;
  const named = first !== undefined && !first.startsWith("-");
  const name = named ? first : "";
  const label = named ? `rollcall ${name}` : "rollcall";
  try {
    if (named && !(name in COMMANDS))
      throw new UsageError(`unknown command "${name}" (commands: ${Object.keys(COMMANDS).join(", ")})`);
    const command = await (named ? (COMMANDS[name] as () => Promise<Command>) : serve)();
    return await command(named ? rest : argv, io);
  } catch (error) {
    if (error instanceof UsageError) {
      const help = named && name in COMMANDS ? label : "rollcall";
      io.err(`${label}: ${error.message}\nRun "${help} --help" for usage.`);
      return EXIT.usage;
    }
    // By name: importing load-config would load every vendor module for --help too.
    if (error instanceof Error && error.name === "ConfigError") {
      io.err(error.message);
      return EXIT.problem;
    }
    io.err(`${label} failed: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT.problem;
  }
}
