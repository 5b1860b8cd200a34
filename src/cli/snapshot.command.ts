import { type SnapshotSourceProgress, SnapshotStatus, SnapshotTrigger } from "../history/snapshot.js";
import { takeSnapshot } from "../history/take-snapshot.js";
import { answeredHelpOrVersion, type CliIo, type CommandResult, EXIT, parseCommandLine } from "./cli-io.js";
import { CLI_CALLER, configPathOf, withLocalGateway } from "./local-gateway.js";
import {
  type Elsewhere,
  elsewhereHeading,
  elsewhereLine,
  progressLine,
  renderSnapshot,
} from "./snapshot-report.js";

const SNAPSHOT_USAGE = `Usage: rollcall snapshot [--config <file>] [--sources <ids>]

Takes a snapshot of access (README, "Snapshots"): every configured source's accounts with their
permissions, groups and teams, and its projects, groups and teams, read now and kept in the store.
Runs the connectors and the store in this process (no server needed); recorded as taken by "cli".
On a terminal a bar per source shows how far each is; otherwise a line per page read.

One snapshot runs at a time per store: while another process (the server, a replica, another
\`rollcall snapshot\`) takes one, this command follows that one instead of taking another, says so,
shows its progress as the store records it, and ends with its result and exit status.

A source that fails is FAILED with its error and nothing of it is kept; the others are read whole.

Exit status: 0 when every source was read (COMPLETE), 1 when some or all failed (PARTIAL, FAILED)
or the config or store is wrong, 2 when the command line is wrong.

Options:
  --config <file>   Sources and store, YAML or JSON (also ROLLCALL_CONFIG).
  --sources <ids>   Only these sources (comma-separated ids).
  -h, --help        This help.
  -v, --version     Rollcall's version.`;

export async function snapshotCommand(args: readonly string[], io: CliIo): Promise<CommandResult> {
  const { values } = parseCommandLine(args, { config: { type: "string" }, sources: { type: "string" } });
  if (answeredHelpOrVersion(values, SNAPSHOT_USAGE, io)) return EXIT.ok;
  const configPath = configPathOf(values.config, io);
  const sourceIds = values.sources
    ?.split(",")
    .map((id) => id.trim())
    .filter((id) => id !== "");

  return withLocalGateway(configPath, io, async ({ config, ctx, store }) => {
    const shown = sourceIds ?? config.sources.map((s) => s.id);
    let width = Math.max(...shown.map((id) => id.length));
    const latest = new Map<string, SnapshotSourceProgress>();
    const terminal = io.terminal;
    let drawn = 0;
    const draw = () => {
      if (!terminal) return;
      // Back to the first bar, then every bar again, each line cleared first.
      const up = drawn > 0 ? `\x1b[${drawn}A` : "";
      const lines = [...latest.values()].map(
        (p) => `\x1b[2K${progressLine(p, width).slice(0, terminal.columns - 1)}`,
      );
      terminal.write(`${up}${lines.map((l) => `${l}\n`).join("")}`);
      drawn = lines.length;
    };
    // A line said between draws leaves the bars above it as they were: the next draw starts below.
    const say = (text: string) => {
      io.out(text);
      drawn = 0;
    };
    let elsewhere: Elsewhere | null = null;
    const snapshot = await takeSnapshot(ctx.gateway, store, {
      trigger: SnapshotTrigger.CLI,
      takenBy: CLI_CALLER,
      sourceIds,
      sourcesField: "--sources",
      onProgress: (progress) => {
        latest.set(progress.sourceId, progress);
        if (terminal) draw();
        else if (progress.status === "RUNNING" && progress.accountsRead > 0)
          io.out(progressLine(progress, width));
      },
      onElsewhere: (running, how) => {
        elsewhere = how;
        // Its sources are whichever its asker chose: each bar is as wide as they need.
        width = Math.max(width, ...running.sources.map((s) => s.sourceId.length));
        say(elsewhereLine(running, how));
      },
      onTrouble: (error, doing) =>
        io.err(`${doing}: ${error instanceof Error ? error.message : String(error)}`),
    });
    if (elsewhere) io.out(elsewhereHeading(snapshot, elsewhere));
    io.out(renderSnapshot(snapshot));
    return snapshot.status === SnapshotStatus.COMPLETE ? EXIT.ok : EXIT.problem;
  });
}
