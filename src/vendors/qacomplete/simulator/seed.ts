import { people, pick } from "../../../simulator/people.js";
import { formatQacDate, QAC_UNSET_DATE } from "../dates.js";
import { emptyState, putUser, type QacState, type StoredUser, setMemberships } from "./state.js";

/** The department of every doc example (seed page: `POST …/depts/8162/users`). */
export const DOC_DEPT_ID = 8162;
/** A second department, so department scoping is visible (its projects and people stay apart). */
export const OTHER_DEPT_ID = 9001;
/** The seed page's created user. */
export const DOC_USER_ID = 24793;

/** The authenticating account of every doc sample (`Basic am9obk…` = john@example.com:p@ssword). */
export const QAC_DEMO_LOGIN = "john@example.com";
export const QAC_DEMO_PASSWORD = "p@ssword";
export const ADMIN_USER_ID = 24700;
/** Generated person #i is user GENERATED_BASE_ID + i. */
export const GENERATED_BASE_ID = 30000;
export const GENERATED_PASSWORD = "password";

const DOC_GROUPS = ["Security Administrator", "Developers", "Testers", "Read Only", "Release Managers"];
const TITLES = ["QA Engineer", "Developer", "Test Lead", "Product Owner"];
/** `date_of_anniv` of a user nobody set one for (seed page response). */
export const ANNIVERSARY_UNSET = "1900-01-01T00:00:00.0000000";
const DOC_DATE = "2016-01-01T00:00:00.0000000";

type Identity = Pick<StoredUser, "id" | "first_name" | "last_name" | "email">;

/** The seed page's response values are the defaults of every other field (also of users the
 *  write routes create). */
export const USER_DEFAULTS: Omit<StoredUser, keyof Identity> = {
  middle_name: null,
  work_phone: null,
  title: null,
  company_name: null,
  grouping: null,
  sub_grouping: null,
  is_logged_on: false,
  is_security_admin: false,
  is_active: true,
  nbr_times_logon: 0,
  date_of_anniv: ANNIVERSARY_UNSET,
  is_selected: false,
  update_user_id: 0,
  date_created: DOC_DATE,
  date_updated: DOC_DATE,
  discount: 0,
  import_id: 0,
  primary_dept_id: DOC_DEPT_ID,
  logon_attempts: 0,
  is_a_d_account: false,
};

function user(fields: Partial<StoredUser> & Identity): StoredUser {
  return { ...USER_DEFAULTS, ...fields };
}

function seedDepartments(state: QacState): void {
  const dept = { company_id: 1201, update_user_id: ADMIN_USER_ID, page_size: 25 };
  state.depts.set(DOC_DEPT_ID, {
    id: DOC_DEPT_ID,
    dept_name: "Quality Engineering",
    date_created: "2015-06-01T09:00:00.0000000",
    date_updated: DOC_DATE,
    ...dept,
  });
  state.depts.set(OTHER_DEPT_ID, {
    id: OTHER_DEPT_ID,
    dept_name: "Contractors",
    date_created: "2018-03-12T09:00:00.0000000",
    date_updated: "2018-03-12T09:00:00.0000000",
    ...dept,
  });
  state.securityGroups.set(DOC_DEPT_ID, DOC_GROUPS);
  state.securityGroups.set(OTHER_DEPT_ID, ["Security Administrator", "Testers"]);
}

function seedProjects(state: QacState): number[] {
  const docProjects: Array<[number, string, boolean]> = [
    // 11873: REFERENCE §3.3's project list sample; 12345: the securitygroups PUT sample's ProjId.
    [11873, "Sample Project", true],
    [11874, "Mobile Banking", true],
    [11875, "Web Portal", true],
    [11876, "Payments API", true],
    [11877, "Data Platform", true],
    [11878, "Onboarding Flow", false],
    [12345, "Security Review", true],
  ];
  for (const [id, name, active] of docProjects) {
    state.projects.set(id, {
      id,
      dept_id: DOC_DEPT_ID,
      proj_name: name,
      description: `${name} test assets`,
      is_active: active,
      actual_cost: 0,
      actual_hrs: 0,
      date_begin_actual: id === 11873 ? QAC_UNSET_DATE : "2016-02-01T08:00:00.0000000",
      date_begin_scheduled: QAC_UNSET_DATE,
      date_created: DOC_DATE,
      date_updated: DOC_DATE,
    });
  }
  state.projects.set(11900, {
    id: 11900,
    dept_id: OTHER_DEPT_ID,
    proj_name: "Contractor Onboarding",
    description: "Work done by contractors",
    is_active: true,
    actual_cost: 1250.5,
    actual_hrs: 40,
    date_begin_actual: "2018-04-02T08:00:00.0000000",
    date_begin_scheduled: "2018-04-01T08:00:00.0000000",
    date_created: "2018-03-12T09:00:00.0000000",
    date_updated: "2018-03-12T09:00:00.0000000",
  });
  return docProjects.map(([id]) => id);
}

/** The doc examples, the demo admin, two people of the other department, then `generated` people. */
export function seedQac(generated: number): QacState {
  const state = emptyState();
  seedDepartments(state);
  const projectIds = seedProjects(state);

  putUser(
    state,
    user({
      id: ADMIN_USER_ID,
      first_name: "John",
      last_name: "Example",
      email: QAC_DEMO_LOGIN,
      title: "QA Manager",
      is_security_admin: true,
      nbr_times_logon: 412,
      date_created: "2015-06-01T09:00:00.0000000",
      date_updated: "2026-10-30T16:45:12.1234567",
    }),
    [OTHER_DEPT_ID],
  );
  state.passwords.set(ADMIN_USER_ID, QAC_DEMO_PASSWORD);
  setMemberships(state, ADMIN_USER_ID, new Map(projectIds.map((id) => [id, "Security Administrator"])));

  // The seed page's response, field for field (its email is obfuscated on the page; see README).
  putUser(
    state,
    user({ id: DOC_USER_ID, first_name: "John", last_name: "Doe", email: "john.doe@example.com" }),
  );
  setMemberships(
    state,
    DOC_USER_ID,
    new Map([
      [12345, "Security Administrator"],
      [11873, "Testers"],
    ]),
  );

  for (const [id, first, last] of [
    [29001, "Priya", "Raman"],
    [29002, "Marco", "Rossi"],
  ] as const) {
    putUser(
      state,
      user({
        id,
        first_name: first,
        last_name: last,
        email: `${first}.${last}@contractor.example`.toLowerCase(),
        primary_dept_id: OTHER_DEPT_ID,
        company_name: "Contract Testing Ltd",
      }),
    );
    setMemberships(state, id, new Map([[11900, "Testers"]]));
  }

  for (const p of people(generated)) {
    const id = GENERATED_BASE_ID + p.index;
    putUser(
      state,
      user({
        id,
        first_name: p.firstName,
        last_name: p.lastName,
        email: p.email,
        title: TITLES[pick(p.index, TITLES.length, 5)] ?? null,
        company_name: "Example Corp",
        is_security_admin: p.index % 25 === 24,
        is_active: p.active,
        nbr_times_logon: p.lastLoginAt ? 1 + ((p.index * 7) % 200) : 0,
        update_user_id: ADMIN_USER_ID,
        date_created: formatQacDate(p.createdAt),
        date_updated: formatQacDate(p.lastLoginAt ?? p.createdAt),
      }),
    );
    state.passwords.set(id, GENERATED_PASSWORD);
    const groups = new Map<number, string>();
    for (let k = 0; k <= pick(p.index, 3, 2); k++) {
      const projectId = projectIds[pick(p.index, projectIds.length, 20 + k)] as number;
      groups.set(projectId, DOC_GROUPS[pick(p.index, DOC_GROUPS.length, 30 + k)] as string);
    }
    setMemberships(state, id, groups);
  }
  return state;
}
