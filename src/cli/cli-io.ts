import { type ParseArgsConfig, parseArgs } from "node:util";
import { VERSION } from "../version.js";

/** Where a command reads and writes: the process in `main.ts`, buffers in tests. */
export interface CliIo {
  /** One line (or block) to stdout. */
  out(text: string): void;
  /** One line (or block) to stderr. */
  err(text: string): void;
  readonly env: NodeJS.ProcessEnv;
  /** Everything on stdin (for a key piped to `hash-key -`). */
  readStdin(): Promise<string>;
  /** Present only when stdout is a terminal: writes as is (no newline), for a progress display
   *  redrawn in place. Without it, progress is plain lines. */
  readonly terminal?: { write(text: string): void; readonly columns: number };
}

/**
 * What a command returns: the exit code, or "running" for a command that keeps the process alive
 * (the server) and exits on a signal.
 */
export type CommandResult = number | "running";

/** 0: done, nothing wrong. 1: something checked is wrong (config, a source). 2: the command line is. */
export const EXIT = { ok: 0, problem: 1, usage: 2 } as const;

/** A command line that can't be run; the message says why, the command's usage follows it. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

type Options = NonNullable<ParseArgsConfig["options"]>;

/** Every command takes --help and --version (`rollcall <command> --version` works too). */
const COMMON = {
  help: { type: "boolean", short: "h", default: false },
  version: { type: "boolean", short: "v", default: false },
} as const satisfies Options;

/**
 * node:util's parser, strict: an unknown option or a missing value is a UsageError rather than
 * something silently ignored; so are more positionals than the command takes.
 */
export function parseCommandLine<const O extends Options>(
  args: readonly string[],
  options: O,
  maxPositionals = 0,
) {
  const config = {
    args: [...args],
    options: { ...COMMON, ...options },
    allowPositionals: true,
    strict: true,
  } as const;
  let parsed: ReturnType<typeof parseArgs<typeof config>>;
  try {
    parsed = parseArgs(config);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (parsed.positionals.length > maxPositionals)
    throw new UsageError(`unexpected argument "${parsed.positionals[maxPositionals]}"`);
  return parsed;
}

/** A TCP port from the command line or PORT. */
export function parsePort(text: string, from: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text.trim()) || port > 65_535)
    throw new UsageError(`${from} must be a port number (0-65535)`);
  return port;
}

/** `--help` or `--version` answered (true), or neither given (false): every command starts here. */
export function answeredHelpOrVersion(
  values: { help?: boolean; version?: boolean },
  usage: string,
  io: CliIo,
): boolean {
  if (values.help) io.out(usage);
  else if (values.version) io.out(`rollcall ${VERSION}`);
  return Boolean(values.help || values.version);
}
