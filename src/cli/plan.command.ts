import { readFile, writeFile } from "node:fs/promises";
import { DesiredStateError } from "../plans/access-as-code/parse-desired-state.js";
import { planDesiredState } from "../plans/access-as-code/plan-desired-state.js";
import {
  answeredHelpOrVersion,
  type CliIo,
  type CommandResult,
  EXIT,
  parseCommandLine,
  UsageError,
} from "./cli-io.js";
import { CLI_CALLER, configPathOf, withLocalGateway } from "./local-gateway.js";
import { renderPlan } from "./plan-report.js";

const PLAN_USAGE = `Usage: rollcall plan <desired-state file> [--config <file>] [--sources <ids>] [--out <plan.json>]

Plans a desired-state file (README, "Access as code") against the live state of the configured
sources, prints the difference per source and stores the plan. Nothing changes at any vendor:
\`rollcall apply <plan id>\` does, or GraphQL's applyPlan.

Each line is a step: + gives (an account, a role, a membership), - takes away, ~ changes from → to.
A line marked ! can't be done, with why: the vendor can't, or what it depends on could not be read
(a failed read is never taken for "no access"). Runs the sources' connectors and the store in this
process: no server is needed, and the plan is recorded as planned by "cli".

Exit status: 0 when the plan is stored, 1 when the file or the config is wrong or a source or the
store fails, 2 when the command line is wrong.

Options:
  --config <file>   Sources and store, YAML or JSON (also ROLLCALL_CONFIG).
  --sources <ids>   Only these sources (comma-separated ids); the file's entries for others are left out.
  --out <file>      Also write the stored plan (its steps, as JSON) to this file.
  -h, --help        This help.
  -v, --version     Rollcall's version.`;

export async function planCommand(args: readonly string[], io: CliIo): Promise<CommandResult> {
  const { values, positionals } = parseCommandLine(
    args,
    { config: { type: "string" }, sources: { type: "string" }, out: { type: "string" } },
    1,
  );
  if (answeredHelpOrVersion(values, PLAN_USAGE, io)) return EXIT.ok;
  const [file] = positionals;
  if (file === undefined) throw new UsageError("name the desired-state file to plan");
  const configPath = configPathOf(values.config, io);
  const sources = values.sources
    ?.split(",")
    .map((id) => id.trim())
    .filter((id) => id !== "");
  const desiredState = await readFile(file, "utf8").catch((error: NodeJS.ErrnoException) => {
    throw new Error(`cannot read ${file}: ${error.code ?? error.message}`);
  });

  return withLocalGateway(configPath, io, async ({ ctx, store }) => {
    let plan: Awaited<ReturnType<typeof planDesiredState>>;
    try {
      plan = await planDesiredState(
        ctx,
        store.plans,
        { desiredState, sources },
        {
          createdBy: CLI_CALLER,
          sourcesField: "--sources",
        },
      );
    } catch (error) {
      if (!(error instanceof DesiredStateError)) throw error;
      io.err(`${file}: ${error.message.replace(/^Invalid desired state:/, "invalid desired state:")}`);
      return EXIT.problem;
    }
    io.out(renderPlan(plan));
    if (values.out !== undefined) await writeFile(values.out, `${JSON.stringify(plan, null, 2)}\n`);
    io.out(
      plan.steps.some((s) => s.possible)
        ? `\nStored as plan ${plan.id}. Apply it with: rollcall apply ${plan.id}`
        : `\nStored as plan ${plan.id}.`,
    );
    return EXIT.ok;
  });
}
