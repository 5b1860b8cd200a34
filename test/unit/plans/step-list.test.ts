import { describe, expect, it } from "vitest";
import { StepAction } from "../../../src/plans/plan.js";
import type { Ability } from "../../../src/plans/source-abilities.js";
import { StepList, targetOf } from "../../../src/plans/step-list.js";
import { isAsWanted, roleValue, UNNAMED_ROLE } from "../../../src/plans/step-values.js";
import { permission, user } from "./records.js";

const can: Ability = { possible: true, reason: null };
const cannot = { possible: false, reason: "the vendor has no such thing" };
const step = (after: Parameters<StepList["add"]>[0]["after"] = [], ability: Ability = can) => ({
  sourceId: "alpha",
  action: StepAction.ASSIGN_ROLE,
  target: targetOf({ email: "dana@example.com", label: "dana on Mobile (alpha)" }),
  from: null,
  to: "Tester",
  ability,
  after,
});

describe("a plan's steps and their order", () => {
  it("numbers steps in order, so a step can only depend on steps before it (no cycle can be written)", () => {
    const steps = new StepList();
    const first = steps.add(step());
    const second = steps.add(step([first]));
    const third = steps.add(step([first, null, second]));
    expect(steps.all().map((s) => [s.id, s.dependsOn, s.state])).toEqual([
      ["s1", [], "PENDING"],
      ["s2", ["s1"], "PENDING"],
      ["s3", ["s1", "s2"], "PENDING"],
    ]);
    expect(third.target).toEqual({
      userId: null,
      email: "dana@example.com",
      projectId: null,
      groupId: null,
      teamId: null,
      label: "dana on Mobile (alpha)",
    });
  });

  it("marks a step after an impossible one impossible too, saying which and why", () => {
    const steps = new StepList();
    const account = steps.add(step([], cannot));
    const role = steps.add(step([account]));
    const after = steps.add(step([role]));
    expect([account.state, role.state, after.state]).toEqual(["IMPOSSIBLE", "IMPOSSIBLE", "IMPOSSIBLE"]);
    expect(role.reason).toBe(
      "It needs step s1 (dana on Mobile (alpha)), which can't be done: the vendor has no such thing",
    );
    expect(after.reason).toContain("It needs step s2");
  });
});

describe("a step's states", () => {
  it("reads a role held directly, several joined, none as null, never one through a group", () => {
    const dana = user("alpha", "1");
    const held = [
      permission(dana, "p1", "Tester"),
      permission(dana, "p1", "Lead"),
      permission(dana, "p2", "Lead", { via: { type: "Group", remoteId: "g" } }),
      permission(dana, "p3", null),
    ];
    expect(roleValue(held, "p1")).toBe("Lead, Tester");
    expect(roleValue(held, "p2")).toBeNull();
    expect(roleValue(held, "p3")).toBe(UNNAMED_ROLE);
  });

  it("compares role names case-blind, and takes any role held for the vendor's unnamed default", () => {
    expect(isAsWanted("tester", "Tester")).toBe(true);
    expect(isAsWanted(null, null)).toBe(true);
    expect(isAsWanted(null, "Tester")).toBe(false);
    expect(isAsWanted("Tester", null)).toBe(false);
    expect(isAsWanted("Lead", UNNAMED_ROLE)).toBe(true);
    expect(isAsWanted(null, UNNAMED_ROLE)).toBe(false);
    expect(isAsWanted(UNNAMED_ROLE, "Tester")).toBe(false);
  });
});
