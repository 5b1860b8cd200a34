import { describe, expect, it } from "vitest";
import { Capability } from "../../../src/model/capabilities.js";
import { ErrorCode, SourceError } from "../../../src/model/errors.js";
import { planOnboarding, type SourceCatalogue, type SourceWish } from "../../../src/plans/onboarding.js";
import { StepAction } from "../../../src/plans/plan.js";
import type { SourceAbilities } from "../../../src/plans/source-abilities.js";
import { group, permission, project, source, team, user } from "./records.js";

const person = { email: "new.tester@example.com", firstName: "New", lastName: "Tester" };
const catalogue = (id: string): SourceCatalogue => ({
  projects: [project(id, "p1", "Mobile"), project(id, "p2", "Web"), project(id, "p3", "web ")],
  roles: { names: ["Tester", "Lead"], defaultRole: "Tester" },
  groups: [group(id, "g1", "QA"), group(id, "g2", "Release")],
  teams: [team(id, "t1", "Android")],
});

function wish(s: SourceAbilities, over: Partial<SourceWish> = {}): SourceWish {
  return { source: s, accounts: [], grants: [], groups: [], teams: [], catalogue: catalogue(s.id), ...over };
}

describe("onboarding planner", () => {
  it("creates the account first, then each role, group and team after it; the first group is joined at creation", () => {
    const alpha = source("alpha");
    const steps = planOnboarding({
      person,
      unread: [],
      wishes: [
        wish(alpha, {
          grants: [
            { entry: "input.grants[0]", project: "Mobile", role: "Lead" },
            { entry: "input.grants[1]", project: "alpha:Project:p2", role: null },
          ],
          groups: [
            { entry: "input.groups[0]", name: "qa" },
            { entry: "input.groups[1]", name: "g2" },
          ],
          teams: [{ entry: "input.teams[0]", name: "Android" }],
        }),
      ],
    });
    expect(steps.map((s) => [s.id, s.action, s.from, s.to, s.dependsOn])).toEqual([
      ["s1", StepAction.CREATE_ACCOUNT, null, "active", []],
      ["s2", StepAction.ASSIGN_ROLE, null, "Lead", ["s1"]],
      ["s3", StepAction.ASSIGN_ROLE, null, "Tester", ["s1"]],
      ["s4", StepAction.ADD_TO_GROUP, null, "member", ["s1"]],
      ["s5", StepAction.ADD_TO_TEAM, null, "member", ["s1"]],
    ]);
    expect(steps[0]!.target).toMatchObject({ userId: null, email: person.email, groupId: "g1" });
    expect(steps[0]!.target.label).toBe("new.tester@example.com (alpha), joining group QA");
    expect(steps[1]!.target).toMatchObject({
      projectId: "p1",
      label: "new.tester@example.com on Mobile (alpha)",
    });
    expect(steps[3]!.target.groupId).toBe("g2");
  });

  it("plans only what differs for an existing account: a changed role, a reactivation before it, nothing for what is already so", () => {
    const alpha = source("alpha");
    const dana = user("alpha", "7", { active: false, email: person.email });
    const steps = planOnboarding({
      person,
      unread: [],
      wishes: [
        wish(alpha, {
          accounts: [
            {
              user: dana,
              permissions: [permission(dana, "p1", "Tester"), permission(dana, "p2", "tester")],
              groups: [group("alpha", "g1", "QA")],
              teams: [],
            },
          ],
          grants: [
            { entry: "input.grants[0]", project: "Mobile", role: "Lead" },
            { entry: "input.grants[1]", project: "p2", role: "Tester" },
          ],
          groups: [{ entry: "input.groups[0]", name: "QA" }],
        }),
      ],
    });
    expect(steps.map((s) => [s.action, s.target.userId, s.from, s.to, s.dependsOn])).toEqual([
      [StepAction.REACTIVATE_ACCOUNT, "7", "inactive", "active", []],
      [StepAction.CHANGE_ROLE, "7", "Tester", "Lead", ["s1"]],
    ]);
  });

  it("marks a name that matches nothing, several things, or no role impossible, naming the entry; the rest still plan", () => {
    const alpha = source("alpha");
    const steps = planOnboarding({
      person,
      unread: [],
      wishes: [
        wish(alpha, {
          grants: [
            { entry: "templates.mobile.grants[0]", project: "Desktop", role: null },
            { entry: "templates.mobile.grants[1]", project: "Web", role: null },
            { entry: "templates.mobile.grants[2]", project: "Mobile", role: "Boss" },
            { entry: "templates.mobile.grants[3]", project: "Mobile", role: null },
          ],
          groups: [{ entry: "templates.mobile.groups[0]", name: "beta:Group:g1" }],
        }),
      ],
    });
    expect(steps.map((s) => s.possible)).toEqual([true, false, false, false, true, false]);
    expect(steps[1]!.reason).toBe(
      'templates.mobile.grants[0].project: no project "Desktop" in source "alpha" (projects: Mobile, Web, web )',
    );
    expect(steps[2]!.reason).toContain('templates.mobile.grants[1].project: 2 projects are named "Web"');
    expect(steps[3]!.reason).toBe(
      'templates.mobile.grants[2].role: "Boss" is not a project role in source "alpha" (one of: Tester, Lead)',
    );
    expect(steps[5]!.reason).toContain('"beta:Group:g1" is in source "beta", not "alpha"');
  });

  it("says why a vendor can't, and marks the steps after an impossible account impossible too", () => {
    const noInvite = source("gamma", {
      without: [Capability.INVITE_USERS, Capability.MANAGE_TEAM_MEMBERS],
      unsupported: {
        inviteUser: "gamma invites through its own portal",
        teamMembership: "gamma has no teams",
      },
    });
    const steps = planOnboarding({
      person,
      unread: [],
      wishes: [
        wish(noInvite, {
          grants: [{ entry: "input.grants[0]", project: "Mobile", role: null }],
          teams: [{ entry: "input.teams[0]", name: "Android" }],
        }),
      ],
    });
    expect(steps.map((s) => [s.action, s.possible])).toEqual([
      [StepAction.CREATE_ACCOUNT, false],
      [StepAction.ASSIGN_ROLE, false],
      [StepAction.ADD_TO_TEAM, false],
    ]);
    expect(steps[0]!.reason).toContain("gamma invites through its own portal");
    expect(steps[1]!.reason).toContain("It needs step s1");
  });

  it("plans no guessed step where a list or the person's access could not be read", () => {
    const failure = new SourceError("timed out", {
      code: ErrorCode.SOURCE_TIMEOUT,
      sourceId: "alpha",
      vendor: "A",
    });
    const alpha = source("alpha");
    const dana = user("alpha", "7", { email: person.email });
    const steps = planOnboarding({
      person,
      unread: [{ sourceId: "beta", error: failure }],
      wishes: [
        wish(alpha, {
          accounts: [{ user: dana, permissions: failure, groups: [], teams: [] }],
          grants: [{ entry: "input.grants[0]", project: "Mobile", role: null }],
          groups: [{ entry: "input.groups[0]", name: "QA" }],
          catalogue: { ...catalogue("alpha"), groups: failure },
        }),
      ],
    });
    expect(steps.map((s) => [s.sourceId, s.action, s.possible])).toEqual([
      ["beta", StepAction.CREATE_ACCOUNT, false],
      ["alpha", StepAction.ASSIGN_ROLE, false],
      ["alpha", StepAction.ADD_TO_GROUP, false],
    ]);
    expect(steps[1]!.reason).toContain("could not read the project roles of new.tester@example.com");
    expect(steps[2]!.reason).toContain('could not read the groups in source "alpha" (SOURCE_TIMEOUT)');
  });
});
