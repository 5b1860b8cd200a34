import { type SimRequest, SimRouter } from "../../../simulator/router.js";
import { SimHttpError } from "../../../simulator/sim-server.js";
import { formatQacDate } from "../dates.js";
import { aclOf, requester } from "./auth.js";
import { wholeListBody } from "./listing.js";
import { adminDeptOf, deptGroupsOf, deptUser } from "./lookups.js";
import { userJson, userSecurityGroupJson } from "./representations.js";
import { BodyReader, noSuchMember, pick, strangers, validated } from "./request-body.js";
import { NO_PARAMS, takes } from "./request-rules.js";
import { USER_DEFAULTS } from "./seed.js";
import { putUser, type QacState, type StoredDept, type StoredUser, setGroup, userByEmail } from "./state.js";

/**
 * The write routes of QAComplete REST API v1 (REFERENCE §3.2, seed page, and the vendor's
 * users/… and securitygroups/… reference pages): create, change and disable users, set their
 * security groups. Each touches only the rows it names.
 */

const now = () => formatQacDate(new Date());

/** PATCH, PUT and DELETE of a user "can be performed only on the user's primary department"
 *  (users/deptid-userid-patch.html, -put.html, -delete.html). [I] Refused with 400. */
function primaryOnly(user: StoredUser, dept: StoredDept): void {
  if (user.primary_dept_id !== dept.id)
    throw new SimHttpError(
      400,
      `User ${user.id} can be changed only in the user's primary department (${user.primary_dept_id}).`,
    );
}

type Mode = "post" | "put" | "patch";

/** RequestUserPut / RequestUserPatch members (REFERENCE §3.2; users/deptid-userid-put.html, -patch.html). */
const USER_CHANGE_MEMBERS = [
  "FirstName",
  "LastName",
  "MiddleName",
  "Email",
  "IsSecurityAdmin",
  "Phone",
  "IsAdAccount",
  "AdSearchValue",
];
/** RequestUserPost members, as the seed page lists them. */
const USER_POST_MEMBERS = [
  "LastName",
  "FirstName",
  "MiddleName",
  "Email",
  "TimeZone",
  "IsSecurityAdmin",
  "Phone",
  "CompanyName",
  "IsAdAccount",
  "AdSearchValue",
  ...Array.from({ length: 10 }, (_, i) => `Custom${i + 1}`),
];
/** The securitygroups PUT/PATCH body: `{"Groups":[{"ProjId":…,"GroupName":"…"}]}` (REFERENCE §3.2). */
const GROUPS_MEMBERS = ["Groups"];
const GROUP_MEMBERS = ["ProjId", "GroupName"];

/**
 * The profile fields a RequestUserPost / Put / Patch sets. POST and PUT require the names and the
 * email; PUT resets what it is not sent, PATCH leaves it. CompanyName and TimeZone exist on POST
 * only. AdSearchValue, TimeZone and Custom1-10 are checked but not stored: no documented answer
 * shows them.
 */
function profileOf(
  body: BodyReader,
  state: QacState,
  mode: Mode,
  userId: number | null,
): Partial<StoredUser> {
  const out: Partial<StoredUser> = {};
  const whole = mode !== "patch";
  if (whole || body.has("FirstName")) out.first_name = body.requiredText("FirstName");
  if (whole || body.has("LastName")) out.last_name = body.requiredText("LastName");
  if (whole || body.has("Email")) {
    const email = body.email("Email", true) ?? "";
    const holder = email ? userByEmail(state, email) : undefined;
    // The email is the login (REFERENCE §3.1), so it is unique across departments.
    if (holder && holder.id !== userId)
      body.fail("Email", `The email '${email}' is already used by another user.`);
    out.email = email;
  }
  if (whole || body.has("MiddleName")) out.middle_name = body.text("MiddleName");
  if (whole || body.has("Phone")) out.work_phone = body.text("Phone");
  for (const [property, key] of [
    ["IsSecurityAdmin", "is_security_admin"],
    ["IsAdAccount", "is_a_d_account"],
  ] as const) {
    const value = body.bool(property);
    if (value !== null) out[key] = value;
    else if (whole) out[key] = false;
  }
  body.text("AdSearchValue");
  if (mode === "post") {
    out.company_name = body.text("CompanyName");
    body.text("TimeZone");
    for (let i = 1; i <= 10; i++) body.text(`Custom${i}`);
  }
  return out;
}

/** A RequestUserSecurityGroupPut's groups by project, each checked against the department. */
function groupsOf(body: BodyReader, state: QacState, dept: StoredDept): Map<number, string> {
  const wanted = new Map<number, string>();
  const items = body.raw("Groups");
  if (!Array.isArray(items)) {
    body.fail("Groups", "The Groups field is required.");
    return wanted;
  }
  const names = state.securityGroups.get(dept.id) ?? [];
  items.forEach((item, i) => {
    const at = `Groups[${i}]`;
    for (const member of strangers(item, GROUP_MEMBERS))
      body.fail(`${at}.${member}`, noSuchMember(member, "UserSecurityGroup"));
    const projectId = body.int(pick(item, "ProjId"), `${at}.ProjId`);
    const asked = pick(item, "GroupName");
    // [I] Names compare like SQL Server's default collation: case-insensitively.
    const name =
      typeof asked === "string"
        ? names.find((n) => n.toLowerCase() === asked.trim().toLowerCase())
        : undefined;
    if (typeof asked !== "string" || asked.trim() === "")
      body.fail(`${at}.GroupName`, "The GroupName field is required.");
    else if (!name)
      body.fail(`${at}.GroupName`, `Security group '${asked}' was not found in department ${dept.id}.`);
    if (projectId === null) return;
    if (state.projects.get(projectId)?.dept_id !== dept.id)
      body.fail(`${at}.ProjId`, `Project ${projectId} was not found in department ${dept.id}.`);
    else if (wanted.has(projectId))
      body.fail(`${at}.ProjId`, `Project ${projectId} is listed more than once.`);
    else if (name) wanted.set(projectId, name);
  });
  return wanted;
}

export function qacWriteRoutes(state: QacState, router = new SimRouter()): SimRouter {
  const changeUser = (mode: "put" | "patch") =>
    validated((r: SimRequest) => {
      const me = requester(state, r);
      const dept = adminDeptOf(state, r, me);
      const user = deptUser(state, r, dept);
      primaryOnly(user, dept);
      const type = mode === "put" ? "RequestUserPut" : "RequestUserPatch";
      const body = new BodyReader(r.body, "user", type, USER_CHANGE_MEMBERS);
      const fields = profileOf(body, state, mode, user.id);
      body.done();
      const updated: StoredUser = { ...user, ...fields, update_user_id: me.id, date_updated: now() };
      putUser(state, updated);
      return { status: 200, body: userJson(updated) };
    });

  const changeGroups = (mode: "put" | "patch") =>
    validated((r: SimRequest) => {
      const me = requester(state, r);
      const dept = adminDeptOf(state, r, me);
      const user = deptUser(state, r, dept);
      const body = new BodyReader(r.body, "request", "RequestUserSecurityGroupPut", GROUPS_MEMBERS);
      const wanted = groupsOf(body, state, dept);
      body.done();
      // [I] PUT replaces the list of the route's department; groups held in other departments'
      // projects are not part of that list (the GET of the same route doesn't show them).
      if (mode === "put")
        for (const { project } of deptGroupsOf(state, user.id, dept.id))
          if (!wanted.has(project.id)) setGroup(state, user.id, project.id, null);
      for (const [projectId, group] of wanted) setGroup(state, user.id, projectId, group);
      // The page says 200 "and returns a JSON object"; [I] the user's groups, as the GET lists them.
      const groups = deptGroupsOf(state, user.id, dept.id);
      return {
        status: 200,
        body: wholeListBody(groups, aclOf(me), (g) => userSecurityGroupJson(g.project, g.group)),
      };
    });

  return router
    .post(
      "/depts/:deptId/users",
      takes(
        NO_PARAMS,
        validated((r) => {
          const me = requester(state, r);
          const dept = adminDeptOf(state, r, me);
          const body = new BodyReader(r.body, "user", "RequestUserPost", USER_POST_MEMBERS);
          const fields = profileOf(body, state, "post", null);
          body.done();
          const created = now();
          // No password: "You cannot set a password for the newly created user" (seed page); the
          // person sets one with Forgot Password, so the account can't log in until then.
          const user: StoredUser = {
            ...USER_DEFAULTS,
            ...fields,
            id: state.nextUserId,
            first_name: fields.first_name ?? "",
            last_name: fields.last_name ?? "",
            email: fields.email ?? "",
            primary_dept_id: dept.id,
            date_created: created,
            date_updated: created,
          };
          putUser(state, user);
          return { status: 200, body: userJson(user) };
        }),
      ),
    )
    .patch("/depts/:deptId/users/:userId", takes(NO_PARAMS, changeUser("patch")))
    .put("/depts/:deptId/users/:userId", takes(NO_PARAMS, changeUser("put")))
    .delete(
      "/depts/:deptId/users/:userId",
      takes(NO_PARAMS, (r) => {
        const me = requester(state, r);
        const dept = adminDeptOf(state, r, me);
        const user = deptUser(state, r, dept);
        primaryOnly(user, dept);
        // Disables: the row, its security groups and its history stay (REFERENCE §3.2). [I] A
        // second DELETE of a disabled user answers 200 again and changes nothing.
        if (user.is_active)
          putUser(state, {
            ...user,
            is_active: false,
            is_logged_on: false,
            update_user_id: me.id,
            date_updated: now(),
          });
        return { status: 200 };
      }),
    )
    .patch("/depts/:deptId/users/:userId/securitygroups", takes(NO_PARAMS, changeGroups("patch")))
    .put("/depts/:deptId/users/:userId/securitygroups", takes(NO_PARAMS, changeGroups("put")));
}
