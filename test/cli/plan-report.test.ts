/**
 * What `rollcall plan` and `rollcall apply` print for a stored plan, on plain records: a line per
 * step under its source (+ gives, - takes away, ~ changes from → to), the steps that can't be done
 * marked ! with why, and after an apply each step's outcome.
 */
import { describe, expect, it } from "vitest";
import { renderApplied, renderPlan } from "../../src/cli/plan-report.js";
import { type PlanRecord, StepAction, type StepRecord } from "../../src/plans/plan.js";

function step(
  id: string,
  sourceId: string,
  action: StepAction,
  fields: Partial<StepRecord> = {},
): StepRecord {
  return {
    id,
    sourceId,
    action,
    target: {
      userId: null,
      email: null,
      projectId: null,
      groupId: null,
      teamId: null,
      label: `x (${sourceId})`,
    },
    from: null,
    to: null,
    possible: true,
    reason: null,
    dependsOn: [],
    state: "PENDING",
    result: null,
    attempts: 0,
    finishedAt: null,
    ...fields,
  };
}
const label = (text: string) => ({
  target: { userId: null, email: null, projectId: null, groupId: null, teamId: null, label: text },
});

const plan = (steps: StepRecord[], status: PlanRecord["status"] = "PLANNED"): PlanRecord => ({
  id: "p1",
  kind: "ACCESS",
  status,
  createdAt: new Date(0),
  createdBy: "cli",
  summary: "desired state of 2 people: 5 steps, 1 impossible",
  request: {},
  steps,
});

const steps = [
  step("s1", "alpha", StepAction.CREATE_ACCOUNT, { ...label("nia@example.com (alpha)"), to: "active" }),
  step("s2", "alpha", StepAction.ASSIGN_ROLE, {
    ...label("nia@example.com on Mobile (alpha)"),
    to: "Tester",
    dependsOn: ["s1"],
  }),
  step("s3", "alpha", StepAction.REMOVE_FROM_PROJECT, {
    ...label("eli@example.com on Mobile (alpha)"),
    from: "Lead",
  }),
  step("s4", "beta", StepAction.CHANGE_ROLE, {
    ...label("dana@example.com on Web (beta)"),
    from: "Guest",
    to: "Lead",
  }),
  step("s5", "beta", StepAction.ADD_TO_GROUP, {
    ...label("dana@example.com in group QA (beta)"),
    to: "member",
    possible: false,
    state: "IMPOSSIBLE",
    reason: 'Example (source "beta") cannot manage groups',
  }),
];

describe("the plan as printed", () => {
  it("lists each source's steps as a diff, the impossible with why, then the counts", () => {
    expect(renderPlan(plan(steps))).toBe(
      [
        "Plan p1: desired state of 2 people: 5 steps, 1 impossible",
        "",
        "alpha",
        "  + account nia@example.com  [s1]",
        "  + nia@example.com on Mobile: Tester  [s2, after s1]",
        "  - eli@example.com on Mobile: Lead  [s3]",
        "",
        "beta",
        "  ~ dana@example.com on Web: Guest → Lead  [s4]",
        "  ! + dana@example.com in group QA  [s5]",
        '      not possible: Example (source "beta") cannot manage groups',
        "",
        "4 to apply (2 to give, 1 to change, 1 to take away); 1 step not possible (marked !, never applied).",
      ].join("\n"),
    );
  });

  it("says when there is nothing to do, or nothing that can be done", () => {
    expect(renderPlan(plan([]))).toContain("\nNothing to do: the live state is as the file says.");
    expect(renderPlan(plan([steps[4] as StepRecord]))).toContain(
      "\nNothing to apply: the live state is as the file says, where it can be; 1 step not possible (marked !, never applied).",
    );
  });
});

describe("an applied plan as printed", () => {
  it("gives each step's outcome, what changed since planning, and how to retry", () => {
    const applied = plan(
      [
        {
          ...(steps[0] as StepRecord),
          state: "APPLIED",
          result: { code: null, message: "no password was sent", drift: null },
        },
        {
          ...(steps[1] as StepRecord),
          state: "SKIPPED",
          result: {
            code: null,
            message: "Already so",
            drift: 'The plan saw none; the live state was "Tester"',
          },
        },
        {
          ...(steps[2] as StepRecord),
          state: "FAILED",
          result: { code: "SOURCE_UNAVAILABLE", message: "down", drift: null },
        },
        {
          ...(steps[3] as StepRecord),
          state: "PENDING",
          result: { code: null, message: "Not run: it waits for step s3, not done", drift: null },
        },
        steps[4] as StepRecord,
      ],
      "PARTIAL",
    );
    expect(renderApplied(applied).split("\n").slice(2)).toEqual([
      "alpha",
      "  s1 + account nia@example.com: applied (no password was sent)",
      "  s2 + nia@example.com on Mobile: Tester: skipped: already so",
      '      the live state had changed since planning: The plan saw none; the live state was "Tester"',
      "  s3 - eli@example.com on Mobile: Lead: FAILED (SOURCE_UNAVAILABLE: down)",
      "",
      "beta",
      "  s4 ~ dana@example.com on Web: Guest → Lead: not run (Not run: it waits for step s3, not done)",
      '  s5 + dana@example.com in group QA: not possible (Example (source "beta") cannot manage groups)',
      "",
      "PARTIAL: 1 applied, 1 already so, 1 failed, 1 not run, 1 not possible.",
      "Apply again to retry what failed: rollcall apply p1",
    ]);
  });
});
