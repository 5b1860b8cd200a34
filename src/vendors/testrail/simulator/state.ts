import { people, pick } from "../../../simulator/people.js";

/**
 * The simulator's database, in TestRail's own terms so the routes stay thin. The write routes
 * (write-routes.ts) change these maps and tell views.ts what they changed, so its indexes stay
 * right without a rebuild; a change made here directly (a test) calls `touch` instead.
 */
export interface StoredUser {
  id: number;
  name: string;
  email: string;
  is_active: boolean;
  is_admin: boolean;
  role_id: number;
  email_notifications: boolean;
  mfa_required: boolean;
}

export interface StoredRole {
  id: number;
  name: string;
  is_default: boolean;
  is_project_admin: boolean;
}

export interface StoredGroup {
  id: number;
  name: string;
  user_ids: Set<number>;
}

export interface StoredProject {
  id: number;
  name: string;
  announcement: string | null;
  show_announcement: boolean;
  is_completed: boolean;
  /** UNIX epoch seconds. */
  completed_on: number | null;
  suite_mode: 1 | 2 | 3;
  /** Null: each user's global role applies ("Global Role" in the project's access tab). */
  default_role_id: number | null;
  /** user id -> role id overrides; 0 is "Global Role" (the user's own role applies) */
  users: Map<number, number>;
  /** group id -> role id overrides; 0 as for users */
  groups: Map<number, number>;
}

export interface Credentials {
  password: string;
  apiKeys: string[];
}

export interface TestRailState {
  users: Map<number, StoredUser>;
  roles: Map<number, StoredRole>;
  groups: Map<number, StoredGroup>;
  projects: Map<number, StoredProject>;
  credentials: Map<number, Credentials>;
  /** Bumped by `touch`; views.ts rebuilds its indexes when it changes. */
  revision: number;
  nextUserId: number;
  nextGroupId: number;
}

export function touch(state: TestRailState): void {
  state.revision += 1;
}

/** The demo account the built-in demo and the tests sign in with. */
export const DEMO_EMAIL = "admin@example.com";
export const DEMO_PASSWORD = "testrail-demo-password";
export const DEMO_API_KEY = "rollcall-demo-api-key";
/** Every other seeded account's password. */
export const USER_PASSWORD = "password";

/** Generated people get ids from here, so the doc examples keep their own ids. */
export const GENERATED_FROM = 100;

export const ROLE = {
  lead: 1,
  designer: 2,
  tester: 3,
  guest: 4,
  noAccess: 5,
  releaseManager: 6,
  automation: 7,
} as const;

const ROLES: StoredRole[] = [
  // The seed page's sample: role_id 1 is "Lead".
  { id: ROLE.lead, name: "Lead", is_default: false, is_project_admin: false },
  { id: ROLE.designer, name: "Designer", is_default: false, is_project_admin: false },
  { id: ROLE.tester, name: "Tester", is_default: true, is_project_admin: false },
  { id: ROLE.guest, name: "Guest", is_default: false, is_project_admin: false },
  { id: ROLE.noAccess, name: "No Access", is_default: false, is_project_admin: false },
  { id: ROLE.releaseManager, name: "Release Manager", is_default: false, is_project_admin: true },
  { id: ROLE.automation, name: "Automation", is_default: false, is_project_admin: false },
];

/** Global roles handed to generated people, weighted towards testers. */
const GENERATED_ROLES = [
  ROLE.tester,
  ROLE.tester,
  ROLE.tester,
  ROLE.designer,
  ROLE.designer,
  ROLE.guest,
  ROLE.lead,
  ROLE.automation,
  ROLE.releaseManager,
];

const GROUPS = ["QA Team", "Developers", "External Testers", "Release Crew", "Automation Guild"];

const COMPLETED_ON = 1_735_732_800; // 2025-01-01T12:00:00Z

/** The doc page's users 1 and 2, the demo admin, default and custom roles, groups, projects with
 *  role overrides, then `generated` people from `person(i)`. Deterministic. */
export function seedTestRail(generated: number): TestRailState {
  const state: TestRailState = {
    users: new Map(),
    roles: new Map(ROLES.map((r) => [r.id, { ...r }])),
    groups: new Map(GROUPS.map((name, i) => [i + 1, { id: i + 1, name, user_ids: new Set<number>() }])),
    projects: new Map(),
    credentials: new Map(),
    revision: 0,
    nextUserId: GENERATED_FROM + generated,
    nextGroupId: GROUPS.length + 1,
  };
  const addUser = (user: Omit<StoredUser, "email_notifications" | "mfa_required">, secrets: Credentials) => {
    state.users.set(user.id, { ...user, email_notifications: true, mfa_required: false });
    state.credentials.set(user.id, secrets);
  };
  const join = (groupId: number, userId: number) => state.groups.get(groupId)?.user_ids.add(userId);

  // The users doc page: get_user's sample (email obfuscated there; this one is made up) and
  // the second user of get_users' sample.
  addUser(
    {
      id: 1,
      name: "Alexis Gonzalez",
      email: "alexis.gonzalez@example.com",
      is_active: true,
      is_admin: false,
      role_id: ROLE.lead,
    },
    { password: USER_PASSWORD, apiKeys: [] },
  );
  addUser(
    {
      id: 2,
      name: "Ciaran Davenport",
      email: "ciaran.davenport@example.com",
      is_active: true,
      is_admin: false,
      role_id: ROLE.designer,
    },
    { password: USER_PASSWORD, apiKeys: [] },
  );
  addUser(
    { id: 3, name: "Administrator", email: DEMO_EMAIL, is_active: true, is_admin: true, role_id: ROLE.lead },
    { password: DEMO_PASSWORD, apiKeys: [DEMO_API_KEY] },
  );
  join(1, 1);
  join(2, 2);

  for (const p of people(generated)) {
    const id = GENERATED_FROM + p.index;
    addUser(
      {
        id,
        name: p.displayName,
        email: p.email,
        is_active: p.active,
        is_admin: p.index % 25 === 24,
        role_id: GENERATED_ROLES[pick(p.index, GENERATED_ROLES.length, 3)] as number,
      },
      { password: USER_PASSWORD, apiKeys: [] },
    );
    for (let k = 0; k < pick(p.index, 3, 11); k++) join(1 + pick(p.index, GROUPS.length, 12 + k), id);
  }

  const project = (
    p: Omit<StoredProject, "show_announcement" | "suite_mode" | "completed_on"> & Partial<StoredProject>,
  ) => state.projects.set(p.id, { show_announcement: false, suite_mode: 1, completed_on: null, ...p });
  project({
    id: 1,
    name: "Mobile Banking",
    announcement: "Banking app for iOS and Android",
    is_completed: false,
    default_role_id: null,
    users: new Map([[2, ROLE.lead]]),
    groups: new Map([[2, ROLE.guest]]),
  });
  project({
    id: 2,
    name: "Web Portal",
    announcement: null,
    is_completed: false,
    default_role_id: ROLE.tester,
    users: new Map([[1, ROLE.designer]]),
    groups: new Map([[5, ROLE.automation]]),
  });
  project({
    id: 3,
    name: "Payments API",
    announcement: "PCI scope: ask a lead before adding people",
    show_announcement: true,
    is_completed: false,
    default_role_id: ROLE.noAccess,
    users: new Map([[1, ROLE.lead]]),
    groups: new Map([
      [1, ROLE.tester],
      [4, ROLE.releaseManager],
    ]),
  });
  project({
    id: 4,
    name: "Data Platform",
    announcement: null,
    is_completed: false,
    suite_mode: 3,
    default_role_id: ROLE.guest,
    users: new Map(),
    groups: new Map([[3, ROLE.noAccess]]),
  });
  project({
    id: 5,
    name: "Onboarding Flow",
    announcement: "Shipped",
    is_completed: true,
    completed_on: COMPLETED_ON,
    default_role_id: null,
    users: new Map(),
    groups: new Map(),
  });
  project({
    id: 6,
    name: "Security Review",
    announcement: null,
    is_completed: false,
    suite_mode: 2,
    default_role_id: ROLE.noAccess,
    users: new Map(
      people(generated)
        .filter((p) => p.index % 7 === 3)
        .map((p) => [GENERATED_FROM + p.index, ROLE.designer]),
    ),
    groups: new Map(),
  });
  return state;
}
