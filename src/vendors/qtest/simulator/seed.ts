import { people, pick } from "../../../simulator/people.js";
import {
  addProject,
  addToGroup,
  addUser,
  assignToProject,
  emptyState,
  profileByName,
  type QTestState,
  setAdminProfile,
} from "./state.js";

/** The demo's account: an instance admin and Project Admin of every project. */
export const ADMIN_USER = { id: 1, username: "admin@qtest.example", password: "admin" } as const;
/** The seed page's example user (`user_id = 789`), named as the swagger's UserResource example. It
 *  was assigned to the sample project without a profile, so it holds the default "Developer". */
export const EXAMPLE_USER = { id: 789, username: "example.user@qtest.com", password: "admin123" } as const;
/** The swagger's ProjectResource example. */
export const SAMPLE_PROJECT = { id: 1, name: "qConnect Sample Project" } as const;
/** Generated person #i gets id FIRST_PERSON_ID + i and the password "password". */
export const FIRST_PERSON_ID = 1000;

/** qTest's date format: ISO 8601 with an offset and no fraction, `2016-11-15T09:00:00+00:00`. */
export function qtestDate(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "+00:00");
}

const USER_PROFILES = [
  { name: "Project Admin", is_admin: true, is_readonly: false },
  { name: "Project Manager", is_admin: false, is_readonly: false },
  { name: "Developer", is_admin: false, is_readonly: false },
  { name: "Tester", is_admin: false, is_readonly: false },
  { name: "Viewer", is_admin: false, is_readonly: true },
  // Custom profiles: names Rollcall does not know, so their flags (or nothing) decide the level.
  { name: "Auditor", is_admin: false, is_readonly: true },
  { name: "Automation Engineer", is_admin: false, is_readonly: false },
];
const ADMIN_PROFILES = [
  { name: "Administrator", is_admin: true, is_readonly: false },
  { name: "User Administrator", is_admin: true, is_readonly: false },
];
/** Profiles generated people hold, weighted towards the everyday ones. */
const EVERYDAY = [
  "Developer",
  "Tester",
  "Tester",
  "Viewer",
  "Project Manager",
  "Auditor",
  "Automation Engineer",
];

const PROJECTS = ["Mobile Banking", "Web Portal", "Payments API", "Data Platform", "Onboarding Flow"];

const GROUPS = [
  {
    name: "Site Administrators",
    description: "Manage users, profiles and site settings",
    is_system: true,
    is_default: false,
    authority_names: [
      "ROLE_USERADMIN",
      "ROLE_ADMINCONFIGURATION",
      "ROLE_PROJECTCREATOR",
      "ROLE_PROFILEADMIN",
    ],
  },
  {
    name: "Testers",
    description: "Everyone who runs tests",
    is_system: false,
    is_default: true,
    authority_names: ["ROLE_PROJECTVIEWER", "ROLE_LAUNCHACCESS"],
  },
  {
    name: "QA Guild",
    description: "Test leads across products",
    is_system: false,
    is_default: false,
    authority_names: ["ROLE_PROJECTVIEWER", "ROLE_INSIGHTSEDITOR"],
  },
  {
    name: "Automation Team",
    description: "Pulse and Launch automation",
    is_system: false,
    is_default: false,
    authority_names: ["ROLE_PULSEACCESS", "ROLE_LAUNCHACCESS"],
  },
];

/** The doc examples, the default profiles, projects, groups and `generated` people. Deterministic. */
export function seedQTest(generated: number): QTestState {
  const state = emptyState();
  for (const [i, p] of USER_PROFILES.entries()) state.profiles.set(i + 1, { id: i + 1, type: "user", ...p });
  for (const [i, p] of ADMIN_PROFILES.entries())
    state.profiles.set(101 + i, { id: 101 + i, type: "admin", ...p });
  for (const [i, g] of GROUPS.entries()) state.groups.set(i + 1, { id: i + 1, ...g });
  const userProfile = (name: string) => profileByName(state, name, "user").id;
  const adminProfile = (name: string) => profileByName(state, name, "admin").id;

  addProject(state, {
    id: SAMPLE_PROJECT.id,
    name: SAMPLE_PROJECT.name,
    description: "Description of qConnect Sample Project",
    status_id: 101,
    start_date: "2016-11-15T09:00:00+00:00",
    end_date: null,
    sample: true,
    automation: false,
    uuid: "uuid",
  });
  for (const [i, name] of PROJECTS.entries())
    addProject(state, {
      id: 2 + i,
      name,
      description: `${name} test assets`,
      status_id: i === PROJECTS.length - 1 ? 102 : 101,
      start_date: qtestDate(new Date(Date.UTC(2023, i, 1, 9))),
      end_date: null,
      sample: false,
      automation: i % 2 === 0,
      uuid: `proj-${2 + i}`,
    });

  addUser(
    state,
    {
      id: ADMIN_USER.id,
      username: ADMIN_USER.username,
      email: ADMIN_USER.username,
      first_name: "Site",
      last_name: "Admin",
      status: 1,
      ldap_username: null,
      timezone_offset: "+00:00",
      country_name: "United Kingdom",
      avatar_hue: 210,
    },
    ADMIN_USER.password,
  );
  setAdminProfile(state, ADMIN_USER.id, adminProfile("Administrator"));
  addToGroup(state, 1, ADMIN_USER.id);
  for (const projectId of state.projects.keys())
    assignToProject(state, ADMIN_USER.id, projectId, userProfile("Project Admin"));

  addUser(
    state,
    {
      id: EXAMPLE_USER.id,
      username: EXAMPLE_USER.username,
      email: EXAMPLE_USER.username,
      first_name: "Example",
      last_name: "User",
      status: 1,
      ldap_username: null,
      timezone_offset: "+00:00",
      country_name: "United States",
      avatar_hue: 30,
    },
    EXAMPLE_USER.password,
  );
  assignToProject(state, EXAMPLE_USER.id, SAMPLE_PROJECT.id, userProfile("Developer"));
  addToGroup(state, 2, EXAMPLE_USER.id);

  const projectIds = [...state.projects.keys()];
  for (const p of people(generated)) {
    const id = FIRST_PERSON_ID + p.index;
    addUser(
      state,
      {
        id,
        username: p.email,
        email: p.email,
        first_name: p.firstName,
        last_name: p.lastName,
        status: p.active ? 1 : 3,
        ldap_username: null,
        timezone_offset: "+00:00",
        country_name: "United Kingdom",
        avatar_hue: p.index % 3 === 2 ? null : pick(p.index, 360, 5),
      },
      "password",
    );
    if (p.index % 25 === 24) setAdminProfile(state, id, adminProfile("Administrator"));
    else if (p.index % 50 === 37) setAdminProfile(state, id, adminProfile("User Administrator"));
    // 0 to 3 projects: some people belong to none.
    for (let k = 0; k < pick(p.index, 4, 2); k++) {
      const projectId = projectIds[pick(p.index, projectIds.length, 20 + k)] as number;
      const profile =
        k === 0 && p.index % 17 === 3 ? "Project Admin" : EVERYDAY[pick(p.index, EVERYDAY.length, 30 + k)];
      assignToProject(state, id, projectId, userProfile(profile as string));
    }
    if (p.index % 25 === 24) addToGroup(state, 1, id);
    for (let k = 0; k <= pick(p.index, 2, 40); k++)
      addToGroup(state, 2 + pick(p.index, GROUPS.length - 1, 41 + k), id);
  }
  return state;
}
