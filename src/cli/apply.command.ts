import { withAuditContext } from "../audit/audit-context.js";
import { applyPlan } from "../plans/apply-plan.js";
import { applyThroughEngine, DEFAULT_IDLE_WAIT_SECONDS } from "./apply-through-engine.js";
import {
  answeredHelpOrVersion,
  type CliIo,
  type CommandResult,
  EXIT,
  parseCommandLine,
  UsageError,
} from "./cli-io.js";
import { CLI_CALLER, configPathOf, withLocalGateway } from "./local-gateway.js";
import { renderApplied } from "./plan-report.js";

const APPLY_USAGE = `Usage: rollcall apply <plan id> [--config <file>] [--wait <seconds>]

Applies a stored plan (made by \`rollcall plan\` or GraphQL's planAccess, planOffboarding,
planOnboarding) and prints each step's outcome. Each step's target is read just before it runs: one
already as the plan wants is skipped, nothing sent. Independent steps run concurrently across
sources, each after the steps it depends on; a vendor failing fails its own steps only. Applying
again runs only what is not applied yet: twice changes nothing, and an apply that stopped resumes.
Every write is recorded in the audit trail with caller "cli" and operation "applyPlan".

Runs the sources' connectors and the store in this process: no server is needed. On a PostgreSQL
store the plan goes through its job engine, as the server's applyPlan does: the first worker to take
it applies it — a running Rollcall replica's, or this process's own — holding the plan's lease, so
no step is sent twice. Each step's outcome is told on stderr as it lands, and the command waits
until the plan is done; stopped (Ctrl-C), the plan stays offered and a replica finishes it. A plan
that makes no progress (no step lands) for --wait seconds is given up on: the command says so and
exits 1, the plan left APPLYING and offered, for a replica or a later apply to resume.

Exit status: 0 when every possible step is applied or already so, 1 when a step failed or could
not run (or the plan, the config, a source or the store could not be used), 2 when the command line
is wrong.

Options:
  --config <file>   Sources and store, YAML or JSON (also ROLLCALL_CONFIG): the store holding the plan.
  --wait <seconds>  PostgreSQL store: how long to wait while the plan makes no progress (default
                    ${DEFAULT_IDLE_WAIT_SECONDS}, and never less than three of the store's job lease periods).
  -h, --help        This help.
  -v, --version     Rollcall's version.

Environment:
  ROLLCALL_INITIAL_PASSWORD   The initial password of accounts created where the vendor takes one
                              (never stored; a vendor that sets its own ignores it).`;

export async function applyCommand(args: readonly string[], io: CliIo): Promise<CommandResult> {
  const { values, positionals } = parseCommandLine(
    args,
    { config: { type: "string" }, wait: { type: "string" } },
    1,
  );
  if (answeredHelpOrVersion(values, APPLY_USAGE, io)) return EXIT.ok;
  const [planId] = positionals;
  if (planId === undefined)
    throw new UsageError("name the plan to apply (its id, as `rollcall plan` printed it)");
  const configPath = configPathOf(values.config, io);
  const password = io.env.ROLLCALL_INITIAL_PASSWORD || undefined;
  const wait = values.wait === undefined ? undefined : waitSecondsOf(values.wait);

  return withLocalGateway(configPath, io, async (local) => {
    const { ctx, store } = local;
    const stored = await store.plans.get(planId);
    if (!stored) {
      io.err(`rollcall apply: there is no plan "${planId}" in the store of ${configPath}`);
      return EXIT.problem;
    }
    // A shared store's replicas apply plans through its job engine: this apply goes the same way.
    const plan =
      store.engine === "postgres"
        ? await applyThroughEngine(local, stored, password, io, wait)
        : await withAuditContext({ caller: CLI_CALLER, operation: "applyPlan" }, () =>
            applyPlan(ctx, planId, { plans: store.plans, caller: CLI_CALLER, password }),
          );
    io.out(renderApplied(plan));
    return plan.status === "APPLIED" ? EXIT.ok : EXIT.problem;
  });
}

/** `--wait`: a positive number of seconds. */
function waitSecondsOf(text: string): number {
  const seconds = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text.trim()) || !(seconds > 0))
    throw new UsageError(`--wait takes a positive number of seconds, not "${text}"`);
  return seconds;
}
