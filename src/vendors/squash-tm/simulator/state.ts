import { people, pick } from "../../../simulator/people.js";
import { insertUser } from "./user-store.js";

/** The simulator's database. Stored in Squash's own terms so the routes stay thin. */
export interface StoredUser {
  id: number;
  login: string;
  first_name: string;
  last_name: string;
  email: string;
  active: boolean;
  group: "Admin" | "User" | "TestAutomationServer";
  can_delete_from_front: boolean;
  last_connected_on: string | null;
  created_by: string;
  created_on: string;
  last_modified_by: string | null;
  last_modified_on: string | null;
}

export interface StoredTeam {
  id: number;
  name: string;
  description: string;
  created_by: string;
  created_on: string;
  last_modified_by: string | null;
  last_modified_on: string | null;
}

export interface StoredProject {
  id: number;
  name: string;
  label: string;
  description: string;
  active: boolean;
}

export interface SquashState {
  users: Map<number, StoredUser>;
  /** login -> user id (kept by user-store.ts) */
  logins: Map<string, number>;
  teams: Map<number, StoredTeam>;
  projects: Map<number, StoredProject>;
  /** team id -> member user ids */
  teamMembers: Map<number, Set<number>>;
  /** user id -> (project id -> permission group); Squash gives a user one group per project. */
  permissions: Map<number, Map<number, string>>;
  /** team id -> (project id -> permission group): what a team's members hold through the team. */
  teamPermissions: Map<number, Map<number, string>>;
  passwords: Map<number, string>;
  nextUserId: number;
  nextTeamId: number;
}

export const PERMISSION_GROUPS = [
  "test_editor",
  "project_viewer",
  "project_manager",
  "test_runner",
  "test_designer",
  "advanced_tester",
  "validator",
] as const;

/** Squash's date format: ISO with millis and offset, "2017-07-04T10:00:00.000+00:00". */
export function squashDate(date: Date): string {
  return date.toISOString().replace("Z", "+00:00");
}

const SAMPLE = "<p>This project is the main sample project</p>";
const GENERATED_TEAMS = ["QA Mobile", "QA Web", "Automation Guild", "Release Crew", "Security Champions"];
const GENERATED_PROJECTS = [
  "Mobile Banking",
  "Web Portal",
  "Payments API",
  "Data Platform",
  "Onboarding Flow",
];

/** The doc pages' examples (user 486 "User-1", teams 567/568, projects 367-369) plus `generated` people. */
export function seedSquash(generated: number): SquashState {
  const state: SquashState = {
    users: new Map(),
    logins: new Map(),
    teams: new Map(),
    projects: new Map(),
    teamMembers: new Map(),
    permissions: new Map(),
    teamPermissions: new Map(),
    passwords: new Map(),
    nextUserId: 1000 + generated,
    nextTeamId: 569 + GENERATED_TEAMS.length,
  };
  const stamp = "2017-07-04T10:00:00.000+00:00";
  const edited = "2017-07-05T10:00:00.000+00:00";
  const addUser = (user: StoredUser, password: string) => insertUser(state, user, password);

  addUser(
    {
      id: 1,
      login: "admin",
      first_name: "",
      last_name: "admin",
      email: "admin@squash.example",
      active: true,
      group: "Admin",
      can_delete_from_front: true,
      last_connected_on: "2026-11-02T08:00:00.000+00:00",
      created_by: "system",
      created_on: "2017-01-01T00:00:00.000+00:00",
      last_modified_by: null,
      last_modified_on: null,
    },
    "admin",
  );
  addUser(
    {
      id: 486,
      login: "User-1",
      first_name: "Charles",
      last_name: "Dupond",
      email: "charlesdupond@aaaa.aa",
      active: true,
      group: "User",
      can_delete_from_front: true,
      last_connected_on: "2018-02-11T11:00:00.000+00:00",
      created_by: "admin",
      created_on: stamp,
      last_modified_by: "admin",
      last_modified_on: edited,
    },
    "123456",
  );

  const teamA = {
    created_by: "admin",
    created_on: stamp,
    last_modified_by: "admin",
    last_modified_on: edited,
  };
  state.teams.set(567, { id: 567, name: "Team A", description: "<p>black panther</p>", ...teamA });
  state.teams.set(568, { id: 568, name: "Team B", description: "<p>black widow</p>", ...teamA });
  GENERATED_TEAMS.forEach((name, i) => {
    state.teams.set(569 + i, { id: 569 + i, name, description: `<p>${name}</p>`, ...teamA });
  });
  state.teamMembers.set(567, new Set([486]));
  state.teamMembers.set(568, new Set([486]));

  for (const [id, name] of [
    [367, "proj1"],
    [368, "proj2"],
    [369, "proj3"],
  ] as const) {
    state.projects.set(id, { id, name, label: "Main Sample Project", description: SAMPLE, active: true });
  }
  GENERATED_PROJECTS.forEach((name, i) => {
    const id = 370 + i;
    state.projects.set(id, { id, name, label: name, description: `<p>${name}</p>`, active: i !== 4 });
  });
  state.permissions.set(
    486,
    new Map([
      [369, "validator"],
      [367, "advanced_tester"],
      [368, "advanced_tester"],
    ]),
  );

  // A grant to a team shows in the project's clearances only, never in a member's own permissions.
  state.teamPermissions.set(570, new Map([[371, "project_viewer"]]));

  const teamIds = [...state.teams.keys()];
  const projectIds = [...state.projects.keys()];
  for (const p of people(generated)) {
    const id = 1000 + p.index;
    addUser(
      {
        id,
        login: p.handle,
        first_name: p.firstName,
        last_name: p.lastName,
        email: p.email,
        active: p.active,
        group: p.index % 25 === 24 ? "Admin" : "User",
        can_delete_from_front: p.index % 2 === 0,
        last_connected_on: p.lastLoginAt ? squashDate(p.lastLoginAt) : null,
        created_by: "admin",
        created_on: squashDate(p.createdAt),
        last_modified_by: null,
        last_modified_on: null,
      },
      "password",
    );
    for (let k = 0; k <= pick(p.index, 2, 1); k++) {
      const teamId = teamIds[pick(p.index, teamIds.length, 10 + k)] as number;
      state.teamMembers.get(teamId)?.add(id) ?? state.teamMembers.set(teamId, new Set([id]));
    }
    const grants = new Map<number, string>();
    for (let k = 0; k <= pick(p.index, 3, 2); k++) {
      const projectId = projectIds[pick(p.index, projectIds.length, 20 + k)] as number;
      grants.set(projectId, PERMISSION_GROUPS[pick(p.index, PERMISSION_GROUPS.length, 30 + k)] as string);
    }
    state.permissions.set(id, grants);
  }
  return state;
}
