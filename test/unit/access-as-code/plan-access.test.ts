/**
 * The access planner on plain records: a desired-state file against hand-written sources and live
 * state, step by step. No vendor, no HTTP: what each step is, and when it is not planned.
 */
import { describe, expect, it } from "vitest";
import { PermissionLevel } from "../../../src/model/records.js";
import { DesiredStateError } from "../../../src/plans/access-as-code/parse-desired-state.js";
import { StepAction } from "../../../src/plans/plan.js";
import {
  account,
  brief,
  catalog,
  group,
  holder,
  live,
  member,
  outage,
  permission,
  planFor,
  project,
  team,
  user,
} from "./records.js";

const ROLES = { names: ["Lead", "Tester", "Guest", "No Access"], defaultRole: null };
const mobile = project("alpha", "1", "Mobile");
const web = project("alpha", "2", "Web");
const qa = group("alpha", "g1", "QA");
const ops = group("alpha", "g2", "Ops");
const crew = team("beta", "t1", "Crew");
const betaMobile = project("beta", "p9", "Mobile");
const CANNOT_INVITE = 'Example (source "alpha") cannot invite users';

/** alpha: projects, roles and groups; beta: projects, roles and teams. */
const alpha = (extra = {}) =>
  catalog("alpha", { projects: [mobile, web], roles: ROLES, groups: [qa, ops], teams: null, ...extra });
const beta = (extra = {}) =>
  catalog("beta", {
    projects: [betaMobile],
    roles: { names: ["viewer", "runner"], defaultRole: null },
    teams: [crew],
    groups: null,
    ...extra,
  });

const dana = user("alpha", "u1", "dana@example.com");
const eli = user("alpha", "u2", "eli@example.com");
const fay = user("alpha", "u3", "fay@example.com");

describe("planning access for listed people", () => {
  it("assigns a role where the person holds none, changes another, and leaves the one already held", () => {
    const draft = planFor(
      `
people:
  - email: Dana@Example.com
    grants:
      - { source: alpha, project: Mobile, role: lead }
      - { source: alpha, project: Web, role: Tester }
  - email: eli@example.com
    grants:
      - { source: alpha, project: mobile, role: Tester }
`,
      {
        catalogs: [alpha()],
        live: live({
          accounts: {
            "dana@example.com": { alpha: [account(dana, { permissions: [permission(dana, "2", "Guest")] })] },
            "eli@example.com": { alpha: [account(eli, { permissions: [permission(eli, "1", "tester")] })] },
          },
        }),
      },
    );
    expect(draft.problems).toEqual([]);
    expect(draft.steps.map(brief)).toEqual([
      "s1 ASSIGN_ROLE Dana@Example.com on Mobile (alpha): ∅ → Lead",
      "s2 CHANGE_ROLE Dana@Example.com on Web (alpha): Guest → Tester",
    ]);
    expect(draft.steps[0]).toMatchObject({
      sourceId: "alpha",
      target: { userId: "u1", projectId: "1", email: "Dana@Example.com" },
      possible: true,
      state: "PENDING",
      dependsOn: [],
    });
  });

  it("changes a role the vendor reports without naming it, saying it was not reported", () => {
    const draft = planFor(
      "people: [{ email: dana@example.com, grants: [{ source: alpha, project: Mobile, role: Lead }] }]",
      {
        catalogs: [alpha()],
        live: live({
          accounts: {
            "dana@example.com": { alpha: [account(dana, { permissions: [permission(dana, "1", null)] })] },
          },
        }),
      },
    );
    expect(draft.steps.map(brief)).toEqual([
      "s1 CHANGE_ROLE dana@example.com on Mobile (alpha): a role the vendor does not name → Lead",
    ]);
  });

  it("assigns a role of the person's own where they hold the project only through a group", () => {
    const through = permission(dana, "1", "Lead", { via: { type: "Group", remoteId: "g1" } });
    const draft = planFor(
      "people: [{ email: dana@example.com, grants: [{ source: alpha, project: Mobile, role: Lead }] }]",
      {
        catalogs: [alpha()],
        live: live({
          accounts: { "dana@example.com": { alpha: [account(dana, { permissions: [through] })] } },
        }),
      },
    );
    expect(draft.steps.map(brief)).toEqual(["s1 ASSIGN_ROLE dana@example.com on Mobile (alpha): ∅ → Lead"]);
  });

  it("adds to groups and teams the person is not in, and not to those they are", () => {
    const danaBeta = user("beta", "b1", "dana@example.com");
    const draft = planFor(
      `
people:
  - email: dana@example.com
    groups: [{ source: alpha, group: QA }, { source: alpha, group: Ops }]
    teams: [{ source: beta, team: Crew }]
`,
      {
        catalogs: [alpha(), beta()],
        live: live({
          accounts: {
            "dana@example.com": { alpha: [account(dana, { groups: [qa] })], beta: [account(danaBeta)] },
          },
        }),
      },
    );
    expect(draft.steps.map(brief)).toEqual([
      "s1 ADD_TO_GROUP dana@example.com in group Ops (alpha): ∅ → member",
      "s2 ADD_TO_TEAM dana@example.com in team Crew (beta): ∅ → member",
    ]);
    expect(draft.steps[0]?.target).toMatchObject({ userId: "u1", groupId: "g2", teamId: null });
    expect(draft.steps[1]?.target).toMatchObject({ userId: "b1", teamId: "t1", groupId: null });
  });

  it("creates an account where a listed person has none, and gives it its roles and groups after", () => {
    const draft = planFor(
      `
people:
  - email: new.tester@example.com
    name: New Tester
    sources: [beta]
    grants: [{ source: alpha, project: Mobile, role: Tester }]
    groups: [{ source: alpha, group: QA }]
`,
      {
        catalogs: [alpha(), beta()],
        live: live({ accounts: { "new.tester@example.com": { alpha: [], beta: [] } } }),
      },
    );
    expect(draft.problems).toEqual([]);
    expect(draft.steps.map(brief)).toEqual([
      "s1 CREATE_ACCOUNT new.tester@example.com (alpha): ∅ → active",
      "s2 ASSIGN_ROLE new.tester@example.com on Mobile (alpha): ∅ → Tester after s1",
      "s3 ADD_TO_GROUP new.tester@example.com in group QA (alpha): ∅ → member after s1",
      "s4 CREATE_ACCOUNT new.tester@example.com (beta): ∅ → active",
    ]);
    expect(draft.steps[1]?.target).toMatchObject({
      userId: null,
      email: "new.tester@example.com",
      projectId: "1",
    });
    expect(draft.newAccounts["new.tester@example.com"]).toEqual({
      email: "new.tester@example.com",
      firstName: "New",
      lastName: "Tester",
    });
  });

  it("asks for a name where it must create an account and the file gives none", () => {
    const draft = planFor("people:\n  - email: nameless@example.com\n    sources: [alpha]\n", {
      catalogs: [alpha()],
      live: live({ accounts: { "nameless@example.com": { alpha: [] } } }),
    });
    expect(draft.problems).toEqual([
      'people[0] (line 2): nameless@example.com has no account in source "alpha" and the plan creates one: give name (first and last) or firstName and lastName',
    ]);
  });

  it("marks an account the source can't create impossible with the vendor's reason, and what needed it too", () => {
    const refusing = alpha({ unsupported: { inviteUser: "accounts come from the company directory" } });
    const draft = planFor(
      "people: [{ email: new@example.com, grants: [{ source: alpha, project: Web, role: Guest }] }]",
      { catalogs: [refusing], live: live({ accounts: { "new@example.com": { alpha: [] } } }) },
    );
    expect(draft.problems).toEqual([]); // no name needed for an account that can't be made
    expect(draft.steps.map((s) => [s.action, s.state, s.reason])).toEqual([
      [StepAction.CREATE_ACCOUNT, "IMPOSSIBLE", `${CANNOT_INVITE}: accounts come from the company directory`],
      [
        StepAction.ASSIGN_ROLE,
        "IMPOSSIBLE",
        `It needs step s1 (new@example.com (alpha)), which can't be done: ${CANNOT_INVITE}: accounts come from the company directory`,
      ],
    ]);
  });

  it("deactivates with active: false, everywhere when the entry names no source, and plans nothing else", () => {
    const danaBeta = user("beta", "b1", "dana@example.com");
    const inactive = user("alpha", "u9", "dana@example.com", false);
    const draft = planFor("people:\n  - email: dana@example.com\n    active: false\n", {
      catalogs: [alpha(), beta()],
      live: live({
        accounts: {
          "dana@example.com": { alpha: [account(dana), account(inactive)], beta: [account(danaBeta)] },
        },
      }),
    });
    expect(draft.steps.map(brief)).toEqual([
      "s1 DEACTIVATE_ACCOUNT dana@example.com (alpha): active → inactive",
      "s2 DEACTIVATE_ACCOUNT dana@example.com (beta): active → inactive",
    ]);
  });

  it("keeps an inactive person's grants in the file without planning them, and creates no account for them", () => {
    const draft = planFor(
      `
people:
  - email: dana@example.com
    active: false
    grants: [{ source: alpha, project: Mobile, role: Lead }]
    sources: [beta]
`,
      {
        catalogs: [alpha(), beta()],
        live: live({
          accounts: {
            "dana@example.com": {
              alpha: [account(user("alpha", "u1", "dana@example.com", false))],
              beta: [],
            },
          },
        }),
      },
    );
    expect(draft.steps).toEqual([]);
  });

  it("reactivates with active: true only in the sources the entry names", () => {
    const asleep = user("alpha", "u1", "dana@example.com", false);
    const draft = planFor("people: [{ email: dana@example.com, active: true, sources: [alpha] }]", {
      catalogs: [alpha(), beta()],
      live: live({ accounts: { "dana@example.com": { alpha: [account(asleep)] } } }),
    });
    expect(draft.steps.map(brief)).toEqual([
      "s1 REACTIVATE_ACCOUNT dana@example.com (alpha): inactive → active",
    ]);
  });

  it("marks a deactivation the source can't do impossible, with its reason", () => {
    const draft = planFor("people: [{ email: dana@example.com, active: false, sources: [alpha] }]", {
      catalogs: [alpha({ unsupported: { deactivateUser: "it only deletes accounts: use deleteUsers" } })],
      live: live({ accounts: { "dana@example.com": { alpha: [account(dana)] } } }),
    });
    expect(draft.steps[0]).toMatchObject({
      action: StepAction.DEACTIVATE_ACCOUNT,
      possible: false,
      state: "IMPOSSIBLE",
      reason: 'Example (source "alpha") cannot deactivate users: it only deletes accounts: use deleteUsers',
    });
  });

  it("does not pick between two accounts of one person in a source", () => {
    const twin = user("alpha", "u7", "dana@example.com");
    const draft = planFor(
      "people: [{ email: dana@example.com, grants: [{ source: alpha, project: Mobile, role: Lead }], groups: [{ source: alpha, group: QA }] }]",
      {
        catalogs: [alpha()],
        live: live({ accounts: { "dana@example.com": { alpha: [account(dana), account(twin)] } } }),
      },
    );
    expect(draft.steps.map((s) => [s.action, s.possible])).toEqual([
      [StepAction.ASSIGN_ROLE, false],
      [StepAction.ADD_TO_GROUP, false],
    ]);
    expect(draft.steps[0]?.reason).toContain('dana@example.com has 2 accounts in source "alpha" (u1, u7)');
  });

  it("acts on the active account where the person also has an inactive one", () => {
    const old = user("alpha", "u7", "dana@example.com", false);
    const draft = planFor(
      "people: [{ email: dana@example.com, grants: [{ source: alpha, project: Mobile, role: Lead }] }]",
      {
        catalogs: [alpha()],
        live: live({ accounts: { "dana@example.com": { alpha: [account(old), account(dana)] } } }),
      },
    );
    expect(draft.steps.map((s) => [s.action, s.target.userId, s.possible])).toEqual([
      [StepAction.ASSIGN_ROLE, "u1", true],
    ]);
  });

  it("skips the sources not selected", () => {
    const draft = planFor(
      "people: [{ email: dana@example.com, sources: [alpha, beta], grants: [{ source: beta, project: Mobile, role: runner }] }]",
      {
        catalogs: [alpha(), beta()],
        selected: ["alpha"],
        live: live({ accounts: { "dana@example.com": { alpha: [account(dana)] } } }),
      },
    );
    expect(draft.steps).toEqual([]);
  });

  it("plans nothing once the live state is what the file says", () => {
    const danaBeta = user("beta", "b1", "dana@example.com");
    const draft = planFor(
      `
projects: [{ source: alpha, project: Mobile, exclusive: true }]
groups: [{ source: alpha, group: QA, exclusive: true }]
teams: [{ source: beta, team: Crew, exclusive: true }]
people:
  - email: dana@example.com
    active: true
    grants: [{ source: alpha, project: Mobile, role: Lead }]
    groups: [{ source: alpha, group: QA }]
    teams: [{ source: beta, team: Crew }]
`,
      {
        catalogs: [alpha(), beta()],
        live: live({
          accounts: {
            "dana@example.com": {
              alpha: [account(dana, { permissions: [permission(dana, "1", "Lead")], groups: [qa] })],
              beta: [account(danaBeta, { teams: [crew] })],
            },
          },
          projectHolders: [[["alpha", "1"], [holder(dana, [permission(dana, "1", "Lead")])]]],
          groupMembers: [[["alpha", "g1"], [member(dana)]]],
          teamMembers: [[["beta", "t1"], [member(danaBeta)]]],
        }),
      },
    );
    expect(draft.steps).toEqual([]);
  });
});

describe("exclusive projects, groups and teams", () => {
  const file = `
projects:
  - { source: alpha, project: Mobile, exclusive: true }
  - { source: alpha, project: Web }
people:
  - email: dana@example.com
    grants: [{ source: alpha, project: Mobile, role: Lead }]
  - email: eli@example.com
    grants: [{ source: alpha, project: Web, role: Tester }]
`;
  const accounts = {
    "dana@example.com": { alpha: [account(dana)] },
    "eli@example.com": {
      alpha: [account(eli, { permissions: [permission(eli, "1", "Guest"), permission(eli, "2", "Tester")] })],
    },
  };

  it("takes every holder the file does not grant the project off it, listed elsewhere or not, and adds the listed", () => {
    const draft = planFor(file, {
      catalogs: [alpha()],
      live: live({
        accounts,
        projectHolders: [
          [
            ["alpha", "1"],
            [holder(eli, [permission(eli, "1", "Guest")]), holder(fay, [permission(fay, "1", "Tester")])],
          ],
        ],
      }),
    });
    expect(draft.steps.map(brief)).toEqual([
      "s1 ASSIGN_ROLE dana@example.com on Mobile (alpha): ∅ → Lead",
      "s2 REMOVE_FROM_PROJECT eli@example.com on Mobile (alpha): Guest → ∅",
      "s3 REMOVE_FROM_PROJECT fay@example.com on Mobile (alpha): Tester → ∅",
    ]);
    expect(draft.steps[2]?.target).toMatchObject({ userId: "u3", projectId: "1", email: "fay@example.com" });
  });

  it("keeps a holder whose account belongs to a listed person by a link, whatever its email", () => {
    const automation = user("alpha", "u5", "robot@example.com");
    const linked = {
      ...holder(automation, [permission(automation, "1", "Tester")]),
      personKey: "dana@example.com",
    };
    const draft = planFor(file, {
      catalogs: [alpha()],
      live: live({ accounts, projectHolders: [[["alpha", "1"], [linked]]] }),
    });
    expect(draft.steps.map((s) => s.action)).toEqual([StepAction.ASSIGN_ROLE]);
  });

  it("leaves an explicit no-access role alone", () => {
    const draft = planFor(file, {
      catalogs: [alpha()],
      live: live({
        accounts,
        projectHolders: [
          [
            ["alpha", "1"],
            [holder(fay, [permission(fay, "1", "No Access", { level: PermissionLevel.NONE })])],
          ],
        ],
      }),
    });
    expect(draft.steps.map((s) => s.action)).toEqual([StepAction.ASSIGN_ROLE]);
  });

  it("says a holder through a group can't be taken off the project alone", () => {
    const through = permission(fay, "1", "Tester", { via: { type: "Group", remoteId: "g2" } });
    const draft = planFor(file, {
      catalogs: [alpha()],
      live: live({ accounts, projectHolders: [[["alpha", "1"], [holder(fay, [through])]]] }),
    });
    expect(draft.steps[1]).toMatchObject({
      action: StepAction.REMOVE_FROM_PROJECT,
      target: { userId: "u3" },
      possible: false,
      reason:
        "fay@example.com holds Mobile through group g2, not on their own: take them out of it, or mark it exclusive too",
    });
  });

  it("does not remove a holder whose account could not be read (whose it is can't be told)", () => {
    const unknown = {
      userId: "u8",
      user: null,
      personKey: null,
      permissions: [permission(user("alpha", "u8", null), "1", "Lead")],
    };
    const draft = planFor(file, {
      catalogs: [alpha()],
      live: live({ accounts, projectHolders: [[["alpha", "1"], [unknown]]] }),
    });
    expect(draft.steps[1]).toMatchObject({
      possible: false,
      target: { label: "account u8 on Mobile (alpha)" },
    });
    expect(draft.steps[1]?.reason).toBe(
      "Rollcall could not read account u8, so whether the file lists the person it belongs to can't be told: nothing is planned for it",
    );
  });

  it("takes unlisted members out of an exclusive group and an exclusive team", () => {
    const fayBeta = user("beta", "b3", "fay@example.com");
    const danaBeta = user("beta", "b1", "dana@example.com");
    const draft = planFor(
      `
groups: [{ source: alpha, group: QA, exclusive: true }]
teams: [{ source: beta, team: Crew, exclusive: true }]
people:
  - email: dana@example.com
    groups: [{ source: alpha, group: QA }]
    teams: [{ source: beta, team: Crew }]
`,
      {
        catalogs: [alpha(), beta()],
        live: live({
          accounts: {
            "dana@example.com": {
              alpha: [account(dana, { groups: [qa] })],
              beta: [account(danaBeta, { teams: [crew] })],
            },
          },
          groupMembers: [
            [
              ["alpha", "g1"],
              [member(dana), member(eli)],
            ],
          ],
          teamMembers: [
            [
              ["beta", "t1"],
              [member(fayBeta), member(danaBeta)],
            ],
          ],
        }),
      },
    );
    expect(draft.steps.map(brief)).toEqual([
      "s1 REMOVE_FROM_GROUP eli@example.com in group QA (alpha): member → ∅",
      "s2 REMOVE_FROM_TEAM fay@example.com in team Crew (beta): member → ∅",
    ]);
    expect(draft.steps[1]?.target).toMatchObject({ userId: "b3", teamId: "t1" });
  });

  it("marks a removal impossible where the source can't take members out, with its reason", () => {
    const draft = planFor("groups: [{ source: alpha, group: QA, exclusive: true }]", {
      catalogs: [alpha({ unsupported: { removeUsersFromGroup: "a user can't be in no group" } })],
      live: live({ groupMembers: [[["alpha", "g1"], [member(eli)]]] }),
    });
    expect(draft.steps[0]).toMatchObject({
      possible: false,
      reason: `Example (source "alpha") cannot take users out of a group: a user can't be in no group`,
    });
  });
});

describe("a failed read is never taken for no access", () => {
  const reasonOf = (text: string) => expect.stringContaining(text);

  it("plans nothing for a person whose accounts could not be looked up, and says so for each thing", () => {
    const draft = planFor(
      "people: [{ email: dana@example.com, grants: [{ source: alpha, project: Mobile, role: Lead }], groups: [{ source: alpha, group: QA }] }]",
      { catalogs: [alpha()], live: live({ accounts: { "dana@example.com": { alpha: outage("alpha") } } }) },
    );
    expect(draft.steps.map((s) => [s.action, s.state])).toEqual([
      [StepAction.CREATE_ACCOUNT, "IMPOSSIBLE"],
      [StepAction.ASSIGN_ROLE, "IMPOSSIBLE"],
      [StepAction.ADD_TO_GROUP, "IMPOSSIBLE"],
    ]);
    for (const step of draft.steps)
      expect(step.reason).toBe(
        `Rollcall could not read the accounts of dana@example.com in source "alpha" (SOURCE_UNAVAILABLE): Source "alpha" is unreachable (ECONNREFUSED). Nothing is planned for it: plan again once the source answers`,
      );
  });

  it("does not assign a role over roles that could not be read", () => {
    const draft = planFor(
      "people: [{ email: dana@example.com, grants: [{ source: alpha, project: Mobile, role: Lead }] }]",
      {
        catalogs: [alpha()],
        live: live({
          accounts: { "dana@example.com": { alpha: [account(dana, { permissions: outage("alpha") })] } },
        }),
      },
    );
    expect(draft.steps).toHaveLength(1);
    expect(draft.steps[0]).toMatchObject({
      action: StepAction.ASSIGN_ROLE,
      possible: false,
      target: { projectId: "1" },
      reason: reasonOf(
        'could not read the project roles of dana@example.com in source "alpha" (SOURCE_UNAVAILABLE)',
      ),
    });
  });

  it("does not add to a group over memberships that could not be read", () => {
    const draft = planFor("people: [{ email: dana@example.com, groups: [{ source: alpha, group: QA }] }]", {
      catalogs: [alpha()],
      live: live({
        accounts: { "dana@example.com": { alpha: [account(dana, { groups: outage("alpha") })] } },
      }),
    });
    expect(draft.steps[0]).toMatchObject({
      possible: false,
      reason: reasonOf('could not read the groups of dana@example.com in source "alpha"'),
    });
  });

  it("removes no one from an exclusive project whose holders could not be read", () => {
    const draft = planFor("projects: [{ source: alpha, project: Mobile, exclusive: true }]", {
      catalogs: [alpha()],
      live: live({ projectHolders: [[["alpha", "1"], outage("alpha")]] }),
    });
    expect(draft.steps.map(brief)).toEqual([
      "s1 REMOVE_FROM_PROJECT every holder the file does not list on Mobile (alpha): ∅ → ∅ IMPOSSIBLE",
    ]);
    expect(draft.steps[0]?.reason).toContain('could not read who holds Mobile in source "alpha"');
  });

  it("checks no name in a source whose lists could not be read, and plans nothing there", () => {
    const draft = planFor(
      `
projects: [{ source: alpha, project: Anything, exclusive: true }]
people: [{ email: dana@example.com, grants: [{ source: alpha, project: Anything, role: Whatever }], groups: [{ source: alpha, group: Any }] }]
`,
      {
        catalogs: [
          catalog("alpha", { projects: outage("alpha"), roles: outage("alpha"), groups: outage("alpha") }),
        ],
        live: live({ accounts: { "dana@example.com": { alpha: [account(dana)] } } }),
      },
    );
    expect(draft.steps.map((s) => [s.action, s.target.label, s.possible])).toEqual([
      [StepAction.ASSIGN_ROLE, "dana@example.com on Anything (alpha)", false],
      [StepAction.ADD_TO_GROUP, "dana@example.com in group Any (alpha)", false],
      [StepAction.REMOVE_FROM_PROJECT, "every holder the file does not list on Anything (alpha)", false],
    ]);
    expect(draft.steps[0]?.reason).toContain('could not read the projects in source "alpha"');
  });

  it("leaves a role already held alone though the role list could not be read, and plans no other unchecked", () => {
    const draft = planFor(
      "people: [{ email: dana@example.com, grants: [{ source: alpha, project: Mobile, role: Lead }, { source: alpha, project: Web, role: Lead }] }]",
      {
        catalogs: [alpha({ roles: outage("alpha") })],
        live: live({
          accounts: {
            "dana@example.com": { alpha: [account(dana, { permissions: [permission(dana, "1", "Lead")] })] },
          },
        }),
      },
    );
    expect(draft.steps.map(brief)).toEqual([
      "s1 ASSIGN_ROLE dana@example.com on Web (alpha): ∅ → Lead IMPOSSIBLE",
    ]);
    expect(draft.steps[0]?.reason).toContain('could not read the project roles in source "alpha"');
  });
});

describe("names the file gets wrong", () => {
  const problemsOf = (text: string) => {
    try {
      planFor(text, { catalogs: [alpha(), beta()] });
    } catch (error) {
      if (error instanceof DesiredStateError) return error.problems;
      throw error;
    }
    throw new Error("planned without a problem");
  };

  it("names the place of an unknown project, role, group, team and source, all at once", () => {
    expect(
      problemsOf(`
projects:
  - { source: gamma, project: Mobile, exclusive: true }
people:
  - email: dana@example.com
    grants:
      - { source: alpha, project: Mobil, role: Lead }
      - { source: alpha, project: Web, role: Boss }
    groups: [{ source: alpha, group: Nope }]
    teams: [{ source: alpha, team: Crew }, { source: beta, team: Nope }]
`),
    ).toEqual([
      'projects[0].source (line 3): unknown source "gamma" (configured: alpha, beta)',
      'people[0].grants[0].project (line 7): "Mobil" is not a project of source "alpha" (its projects: Mobile, Web)',
      'people[0].grants[1].role (line 8): "Boss" is not a project role of source "alpha" (its roles: Lead, Tester, Guest, No Access)',
      'people[0].groups[0].group (line 9): "Nope" is not a group of source "alpha" (its groups: QA, Ops)',
      'people[0].teams[0].team (line 10): source "alpha" has no teams',
      'people[0].teams[1].team (line 10): "Nope" is not a team of source "beta" (its teams: Crew)',
    ]);
  });

  it("finds projects, groups and teams by id and by global id, and roles in any case", () => {
    const draft = planFor(
      `
people:
  - email: dana@example.com
    grants:
      - { source: alpha, project: "2", role: TESTER }
      - { source: alpha, project: "alpha:Project:1", role: guest }
    groups: [{ source: alpha, group: "alpha:Group:g2" }]
`,
      { catalogs: [alpha()], live: live({ accounts: { "dana@example.com": { alpha: [account(dana)] } } }) },
    );
    expect(draft.steps.map(brief)).toEqual([
      "s1 ASSIGN_ROLE dana@example.com on Web (alpha): ∅ → Tester",
      "s2 ASSIGN_ROLE dana@example.com on Mobile (alpha): ∅ → Guest",
      "s3 ADD_TO_GROUP dana@example.com in group Ops (alpha): ∅ → member",
    ]);
  });

  it("refuses another source's global id, a name two projects share, and the same project twice", () => {
    const twins = alpha({ projects: [mobile, web, project("alpha", "3", "web")] });
    let problems: readonly string[] = [];
    try {
      planFor(
        `
people:
  - email: dana@example.com
    grants:
      - { source: alpha, project: "beta:Project:p9", role: Lead }
      - { source: alpha, project: Web, role: Lead }
      - { source: alpha, project: Mobile, role: Lead }
      - { source: alpha, project: "1", role: Guest }
`,
        { catalogs: [twins] },
      );
    } catch (error) {
      problems = (error as DesiredStateError).problems;
    }
    expect(problems).toEqual([
      'people[0].grants[0].project (line 5): "beta:Project:p9" is an id of source "beta", not of "alpha"',
      'people[0].grants[1].project (line 6): 2 projects of source "alpha" are named "Web" (ids "2", "3"): write the id',
      "people[0].grants[3] (line 8): names Mobile (alpha) again: see people[0].grants[2] (line 7)",
    ]);
  });
});
