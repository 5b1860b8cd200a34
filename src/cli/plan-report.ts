/**
 * What `rollcall plan` and `rollcall apply` print: a plan's steps per source as a diff (+ gives,
 * - takes away, ~ changes from → to, ! can't be done, with why), and after an apply each step's
 * outcome. Plain text from the stored plan alone, so what is printed is what was stored.
 */
import { type PlanRecord, StepAction, type StepRecord } from "../plans/plan.js";

const GIVES: ReadonlySet<StepAction> = new Set([
  StepAction.CREATE_ACCOUNT,
  StepAction.ASSIGN_ROLE,
  StepAction.ADD_TO_GROUP,
  StepAction.ADD_TO_TEAM,
  StepAction.CREATE_GROUP,
]);
const TAKES: ReadonlySet<StepAction> = new Set([
  StepAction.DELETE_ACCOUNT,
  StepAction.REMOVE_FROM_PROJECT,
  StepAction.REMOVE_FROM_GROUP,
  StepAction.REMOVE_FROM_TEAM,
  StepAction.DELETE_GROUP,
]);

const ACCOUNT_STEPS: ReadonlySet<StepAction> = new Set([
  StepAction.CREATE_ACCOUNT,
  StepAction.DELETE_ACCOUNT,
]);

/** "+", "-" or "~": what the step does to access. */
export function signOf(step: StepRecord): "+" | "-" | "~" {
  return GIVES.has(step.action) ? "+" : TAKES.has(step.action) ? "-" : "~";
}

/** The label without its trailing "(source)": the source heads its block. */
const labelIn = (step: StepRecord) => step.target.label.replace(new RegExp(` \\(${step.sourceId}\\)$`), "");

/** One step as a diff line's text: its target and, where it says more, its values. */
export function describeStep(step: StepRecord): string {
  const what = ACCOUNT_STEPS.has(step.action) ? `account ${labelIn(step)}` : labelIn(step);
  const sign = signOf(step);
  if (sign === "~") return `${what}: ${step.from ?? "none"} → ${step.to ?? "none"}`;
  const value = sign === "+" ? step.to : step.from;
  // A membership's value ("member") and an account's ("active") say nothing the sign does not.
  const shown = value !== null && step.action !== StepAction.CREATE_ACCOUNT && value !== "member";
  return shown ? `${what}: ${value}` : what;
}

function bySource(steps: readonly StepRecord[]): Map<string, StepRecord[]> {
  const out = new Map<string, StepRecord[]>();
  for (const step of steps) out.set(step.sourceId, [...(out.get(step.sourceId) ?? []), step]);
  return out;
}

const after = (step: StepRecord) => (step.dependsOn.length > 0 ? `, after ${step.dependsOn.join(", ")}` : "");

/** `rollcall plan`: the steps per source, then the counts. */
export function renderPlan(plan: PlanRecord): string {
  const lines: string[] = [`Plan ${plan.id}: ${plan.summary}`];
  for (const [sourceId, steps] of bySource(plan.steps)) {
    lines.push("", sourceId);
    for (const step of steps) {
      const text = `${describeStep(step)}  [${step.id}${after(step)}]`;
      if (step.possible) lines.push(`  ${signOf(step)} ${text}`);
      else lines.push(`  ! ${signOf(step)} ${text}`, `      not possible: ${step.reason}`);
    }
  }
  const possible = plan.steps.filter((s) => s.possible);
  const count = (sign: string) => possible.filter((s) => signOf(s) === sign).length;
  lines.push("", verdict(possible.length, count, plan.steps.length - possible.length));
  return lines.join("\n");
}

function verdict(possible: number, count: (sign: string) => number, impossible: number): string {
  const notPossible = `${impossible} step${impossible === 1 ? "" : "s"} not possible (marked !, never applied)`;
  if (possible === 0)
    return impossible === 0
      ? "Nothing to do: the live state is as the file says."
      : `Nothing to apply: the live state is as the file says, where it can be; ${notPossible}.`;
  const counts = `${count("+")} to give, ${count("~")} to change, ${count("-")} to take away`;
  return `${possible} to apply (${counts})${impossible > 0 ? `; ${notPossible}` : ""}.`;
}

const OUTCOME: Readonly<Record<StepRecord["state"], string>> = {
  APPLIED: "applied",
  SKIPPED: "skipped: already so",
  FAILED: "FAILED",
  PENDING: "not run",
  RUNNING: "not finished",
  IMPOSSIBLE: "not possible",
};

/** One step's outcome: `s3 - ada on Mobile: applied`, with why when it says more. */
export function stepOutcome(step: StepRecord): string {
  // A skipped step's message only repeats that it was already so.
  const why =
    step.state === "IMPOSSIBLE"
      ? step.reason
      : step.result?.code
        ? `${step.result.code}: ${step.result.message ?? ""}`
        : step.state === "SKIPPED"
          ? null
          : step.result?.message;
  return `${step.id} ${signOf(step)} ${describeStep(step)}: ${OUTCOME[step.state]}${why ? ` (${why})` : ""}`;
}

/** `rollcall apply`: each step's outcome per source, then the plan's status. */
export function renderApplied(plan: PlanRecord): string {
  const lines: string[] = [`Plan ${plan.id}: ${plan.summary}`];
  for (const [sourceId, steps] of bySource(plan.steps)) {
    lines.push("", sourceId);
    for (const step of steps) {
      lines.push(`  ${stepOutcome(step)}`);
      if (step.result?.drift)
        lines.push(`      the live state had changed since planning: ${step.result.drift}`);
    }
  }
  const count = (state: StepRecord["state"]) => plan.steps.filter((s) => s.state === state).length;
  lines.push(
    "",
    `${plan.status}: ${count("APPLIED")} applied, ${count("SKIPPED")} already so, ${count("FAILED")} failed, ` +
      `${count("PENDING") + count("RUNNING")} not run, ${count("IMPOSSIBLE")} not possible.`,
  );
  if (plan.status !== "APPLIED") lines.push(`Apply again to retry what failed: rollcall apply ${plan.id}`);
  return lines.join("\n");
}
