import { describe, expect, it } from "vitest";
import { Capability } from "../../../src/model/capabilities.js";
import { ErrorCode, SourceError } from "../../../src/model/errors.js";
import { planOffboarding } from "../../../src/plans/offboarding.js";
import { StepAction } from "../../../src/plans/plan.js";
import { group, permission, source, sourcesMap, team, user } from "./records.js";

const email = "dana@example.com";
const open = source("alpha");
const noDelete = source("beta", {
  without: [Capability.DELETE_USERS],
  unsupported: { deleteUsers: "beta only disables accounts: use setUserActive" },
});
const neither = source("gamma", {
  without: [Capability.DELETE_USERS, Capability.DEACTIVATE_USERS],
  unsupported: { deleteUsers: "gamma has no delete", deactivateUser: "gamma has no account status" },
});
const down = new SourceError('Source "delta" is unreachable', {
  code: ErrorCode.SOURCE_UNAVAILABLE,
  sourceId: "delta",
  vendor: "Delta",
});

const brief = (steps: ReturnType<typeof planOffboarding>) =>
  steps.map((s) => [s.sourceId, s.action, s.from, s.to, s.possible]);

describe("offboarding planner", () => {
  it("DEACTIVATE deactivates each active account where the vendor can, and says why not elsewhere", () => {
    const steps = planOffboarding({
      mode: "DEACTIVATE",
      email,
      sources: sourcesMap(open, neither),
      unread: [],
      accounts: [user("alpha", "1"), user("alpha", "2", { active: false }), user("gamma", "9")],
    });
    expect(brief(steps)).toEqual([
      ["alpha", StepAction.DEACTIVATE_ACCOUNT, "active", "inactive", true],
      ["gamma", StepAction.DEACTIVATE_ACCOUNT, "active", "inactive", false],
    ]);
    expect(steps[1]!.state).toBe("IMPOSSIBLE");
    expect(steps[1]!.reason).toBe(
      'Vendor gamma (source "gamma") cannot deactivate users: gamma has no account status',
    );
    expect(steps[0]!.target).toMatchObject({ userId: "1", email, label: "dana@example.com (alpha)" });
  });

  it("DELETE_WHERE_POSSIBLE deletes, else deactivates saying why, else marks the account impossible with both reasons", () => {
    const steps = planOffboarding({
      mode: "DELETE_WHERE_POSSIBLE",
      email,
      sources: sourcesMap(open, noDelete, neither),
      unread: [],
      accounts: [user("alpha", "1", { active: false }), user("beta", "2"), user("gamma", "3")],
    });
    expect(brief(steps)).toEqual([
      ["alpha", StepAction.DELETE_ACCOUNT, "inactive", null, true],
      ["beta", StepAction.DEACTIVATE_ACCOUNT, "active", "inactive", true],
      ["gamma", StepAction.DELETE_ACCOUNT, "active", null, false],
    ]);
    expect(steps[1]!.reason).toContain("beta only disables accounts");
    expect(steps[1]!.reason).toContain("deactivated instead");
    expect(steps[2]!.reason).toContain("gamma has no delete");
    expect(steps[2]!.reason).toContain("gamma has no account status");
  });

  it("DELETE_WHERE_POSSIBLE leaves an already inactive account alone where deactivating is the most the vendor does", () => {
    const steps = planOffboarding({
      mode: "DELETE_WHERE_POSSIBLE",
      email,
      sources: sourcesMap(noDelete),
      unread: [],
      accounts: [user("beta", "2", { active: false }), user("beta", "3", { archived: true })],
    });
    expect(steps).toEqual([]);
  });

  it("REMOVE_ACCESS removes roles, groups and teams; access through a group or team goes by leaving it, never by revoking what it derives", () => {
    const dana = user("alpha", "1");
    const steps = planOffboarding({
      mode: "REMOVE_ACCESS",
      email,
      sources: sourcesMap(open),
      unread: [],
      accounts: [
        {
          user: dana,
          permissions: [
            permission(dana, "p1", "Tester"),
            permission(dana, "p2", "Lead", { via: { type: "Group", remoteId: "g2" } }),
            permission(dana, "p3", "Viewer", { via: { type: "Team", remoteId: "t1" } }),
            permission(dana, "p4", null),
          ],
          groups: [group("alpha", "g1", "QA")],
          teams: [team("alpha", "t1", "Mobile")],
        },
      ],
    });
    expect(
      steps.map((s) => [s.action, s.target.projectId ?? s.target.groupId ?? s.target.teamId, s.from]),
    ).toEqual([
      [StepAction.REMOVE_FROM_PROJECT, "p1", "Tester"],
      [StepAction.REMOVE_FROM_PROJECT, "p4", "a role the vendor does not name"],
      [StepAction.REMOVE_FROM_GROUP, "g1", "member"],
      [StepAction.REMOVE_FROM_GROUP, "g2", "member"],
      [StepAction.REMOVE_FROM_TEAM, "t1", "member"],
    ]);
    expect(steps.every((s) => s.possible && s.to === null && s.dependsOn.length === 0)).toBe(true);
    expect(steps.find((s) => s.target.teamId === "t1")!.target.label).toBe(
      "dana@example.com in team Mobile (alpha)",
    );
  });

  it("REMOVE_ACCESS keeps an instance-wide role and says so, and marks what the vendor can't remove impossible with its reason", () => {
    const dana = user("gamma", "1");
    const gamma = source("gamma", {
      removesGroupMembers: false,
      unsupported: { removeUsersFromGroup: "gamma keeps every user in one group" },
    });
    const steps = planOffboarding({
      mode: "REMOVE_ACCESS",
      email,
      sources: sourcesMap(gamma),
      unread: [],
      accounts: [
        {
          user: dana,
          permissions: [
            permission(dana, null, "Admin", { via: { type: "Group", remoteId: "g1" } }),
            permission(dana, null, "Global"),
          ],
          groups: [group("gamma", "g1", "Everyone")],
          teams: [],
        },
      ],
    });
    expect(brief(steps)).toEqual([
      ["gamma", StepAction.CHANGE_ROLE, "Global", null, false],
      ["gamma", StepAction.REMOVE_FROM_GROUP, "member", null, false],
    ]);
    expect(steps[0]!.reason).toContain("instance-wide role");
    expect(steps[1]!.reason).toContain("gamma keeps every user in one group");
  });

  it("plans no guessed step where a read failed: one impossible step says what could not be read and why", () => {
    const dana = user("alpha", "1");
    const steps = planOffboarding({
      mode: "REMOVE_ACCESS",
      email,
      sources: sourcesMap(open),
      unread: [{ sourceId: "delta", error: down }],
      accounts: [{ user: dana, permissions: down, groups: [group("alpha", "g1", "QA")], teams: down }],
    });
    expect(steps.map((s) => [s.sourceId, s.action, s.possible])).toEqual([
      ["delta", StepAction.REMOVE_FROM_PROJECT, false],
      ["alpha", StepAction.REMOVE_FROM_TEAM, false],
      ["alpha", StepAction.REMOVE_FROM_PROJECT, false],
      ["alpha", StepAction.REMOVE_FROM_GROUP, true],
    ]);
    expect(steps[0]!.reason).toContain(
      'could not read the person\'s accounts in source "delta" (SOURCE_UNAVAILABLE)',
    );
    expect(steps[2]!.reason).toContain("could not read the project roles of dana@example.com");
    expect(steps[2]!.reason).toContain("plan again once the source answers");
  });

  it("numbers steps s1, s2… and plans nothing for a person already offboarded", () => {
    const steps = planOffboarding({
      mode: "DEACTIVATE",
      email,
      sources: sourcesMap(open),
      unread: [],
      accounts: [user("alpha", "1"), user("alpha", "2")],
    });
    expect(steps.map((s) => s.id)).toEqual(["s1", "s2"]);
    expect(
      planOffboarding({
        mode: "DEACTIVATE",
        email,
        sources: sourcesMap(open),
        unread: [],
        accounts: [user("alpha", "1", { active: false })],
      }),
    ).toEqual([]);
  });
});
