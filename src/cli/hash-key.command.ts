import { hashKey, newApiKey } from "../server/api-keys.js";
import {
  answeredHelpOrVersion,
  type CliIo,
  type CommandResult,
  EXIT,
  parseCommandLine,
  UsageError,
} from "./cli-io.js";

const HASH_KEY_USAGE = `Usage: rollcall hash-key [<key> | -]

Makes an API key for auth.apiKeys. Without an argument, prints a new random key (give it to the
caller, once) and its SHA-256 (put that in config; Rollcall stores only the hash). With <key>,
prints the SHA-256 of that key; with -, of the key read from stdin (so it stays out of shell
history and the process list).

Options:
  -h, --help     This help.
  -v, --version  Rollcall's version.`;

export async function hashKeyCommand(args: readonly string[], io: CliIo): Promise<CommandResult> {
  const { values, positionals } = parseCommandLine(args, {}, 1);
  if (answeredHelpOrVersion(values, HASH_KEY_USAGE, io)) return EXIT.ok;
  const [given] = positionals;
  if (given === undefined) {
    const created = newApiKey();
    io.out(`key:    ${created.key}\nsha256: ${created.sha256}`);
    return EXIT.ok;
  }
  const key = given === "-" ? (await io.readStdin()).trim() : given;
  if (key === "") throw new UsageError("the key is empty");
  io.out(hashKey(key));
  return EXIT.ok;
}
