import { type SimRequest, SimRouter } from "../../../simulator/router.js";
import { SimHttpError } from "../../../simulator/sim-server.js";
import { aclOf, requester } from "./auth.js";
import type { FieldTable } from "./filter.js";
import { filterOf, listBody, rangeOf } from "./listing.js";
import {
  adminDeptOf as adminDeptOfRoute,
  deptGroupsOf,
  deptOf as deptOfRoute,
  deptUser,
  intParam,
} from "./lookups.js";
import {
  deptJson,
  projectJson,
  securityGroupJson,
  userJson,
  userListItemJson,
  userSecurityGroupJson,
} from "./representations.js";
import { FILTERED, NO_PARAMS, PAGED, takes } from "./request-rules.js";
import { belongsTo, type QacState, type StoredDept, type StoredProject, type StoredUser } from "./state.js";

/** The user fields `Filter=` understands on user lists (PascalCase, as requests spell them). */
export const USER_FILTER_FIELDS: FieldTable = {
  Id: { key: "id", type: "number" },
  FirstName: { key: "first_name", type: "string" },
  MiddleName: { key: "middle_name", type: "string" },
  LastName: { key: "last_name", type: "string" },
  Email: { key: "email", type: "string" },
  Title: { key: "title", type: "string" },
  CompanyName: { key: "company_name", type: "string" },
  IsActive: { key: "is_active", type: "boolean" },
  IsSecurityAdmin: { key: "is_security_admin", type: "boolean" },
  IsAdAccount: { key: "is_a_d_account", type: "boolean" },
  PrimaryDeptId: { key: "primary_dept_id", type: "number" },
  NbrTimesLogon: { key: "nbr_times_logon", type: "number" },
  DateCreated: { key: "date_created", type: "date" },
  DateUpdated: { key: "date_updated", type: "date" },
};

const DEPT_FILTER_FIELDS: FieldTable = {
  Id: { key: "id", type: "number" },
  DeptName: { key: "dept_name", type: "string" },
};

const GROUP_FILTER_FIELDS: FieldTable = { Name: { key: "name", type: "string" } };

/** What a security group may do per entity, for `GET …/securitygroups/{Name}` [I]. */
const ENTITIES = ["Folders", "Requirements", "Tests", "TestSets", "Defects", "Releases"];
const RIGHTS: Record<string, [boolean, boolean, boolean, boolean]> = {
  "security administrator": [true, true, true, true],
  developers: [true, true, true, false],
  testers: [true, true, true, false],
  "read only": [true, false, false, false],
};

/** The read routes of QAComplete REST API v1 below `/rest-api/service/api/v1`. Write routes
 *  go in their own file and register on the same router (see index.ts). */
export function qacReadRoutes(state: QacState, router = new SimRouter()): SimRouter {
  const usersByIds = (ids: Iterable<number>): StoredUser[] => {
    const out: StoredUser[] = [];
    for (const id of ids) {
      const user = state.users.get(id);
      if (user) out.push(user);
    }
    return out;
  };
  const deptOf = (r: SimRequest, me: StoredUser) => deptOfRoute(state, r, me);
  const adminDeptOf = (r: SimRequest, me: StoredUser) => adminDeptOfRoute(state, r, me);
  const canSeeProject = (me: StoredUser, project: StoredProject): boolean =>
    (me.is_security_admin && belongsTo(state, me.id, project.dept_id)) ||
    (state.memberships.get(me.id)?.has(project.id) ?? false);
  const userList = (r: SimRequest, me: StoredUser, ids: readonly number[]) => {
    const range = rangeOf(r);
    const filter = filterOf(r, USER_FILTER_FIELDS);
    // Unfiltered pages touch only the rows they return; a filter costs one pass over the list.
    const users = filter ? usersByIds(ids).filter((u) => filter(u)) : ids;
    const render = (item: StoredUser | number) => {
      const user = typeof item === "number" ? (state.users.get(item) as StoredUser) : item;
      return userListItemJson(user, aclOf(me));
    };
    return { status: 200, body: listBody<StoredUser | number, unknown>(users, range, aclOf(me), render) };
  };

  return router
    .get(
      "/depts",
      takes(FILTERED, (r) => {
        const me = requester(state, r);
        const filter = filterOf(r, DEPT_FILTER_FIELDS);
        const depts = [...(state.userDepts.get(me.id) ?? [])]
          .sort((a, b) => a - b)
          .map((id) => state.depts.get(id))
          .filter((d): d is StoredDept => d !== undefined)
          .filter((d) => !filter || filter(d));
        return { status: 200, body: listBody(depts, rangeOf(r), aclOf(me), deptJson) };
      }),
    )
    .get(
      "/depts/:deptId",
      takes(NO_PARAMS, (r) => ({ status: 200, body: deptJson(deptOf(r, requester(state, r))) })),
    )
    .get(
      "/depts/:deptId/users",
      takes(FILTERED, (r) => {
        const me = requester(state, r);
        const dept = adminDeptOf(r, me);
        return userList(r, me, state.deptUsers.get(dept.id) ?? []);
      }),
    )
    .get(
      "/depts/:deptId/users/:userId",
      takes(NO_PARAMS, (r) => {
        const me = requester(state, r);
        return { status: 200, body: userJson(deptUser(state, r, adminDeptOf(r, me))) };
      }),
    )
    .get(
      "/depts/:deptId/users/:userId/securitygroups",
      takes(PAGED, (r) => {
        const me = requester(state, r);
        const dept = adminDeptOf(r, me);
        const groups = deptGroupsOf(state, deptUser(state, r, dept).id, dept.id);
        const body = listBody(groups, rangeOf(r), aclOf(me), (g) =>
          userSecurityGroupJson(g.project, g.group),
        );
        return { status: 200, body };
      }),
    )
    .get(
      "/depts/:deptId/securitygroups",
      takes(FILTERED, (r) => {
        const me = requester(state, r);
        const dept = adminDeptOf(r, me);
        const filter = filterOf(r, GROUP_FILTER_FIELDS);
        const names = (state.securityGroups.get(dept.id) ?? []).filter((name) => !filter || filter({ name }));
        return { status: 200, body: listBody(names, rangeOf(r), aclOf(me), securityGroupJson) };
      }),
    )
    .get(
      "/depts/:deptId/securitygroups/:name",
      takes(NO_PARAMS, (r) => {
        const me = requester(state, r);
        const dept = adminDeptOf(r, me);
        const name = (state.securityGroups.get(dept.id) ?? []).find(
          (n) => n.toLowerCase() === (r.params.name ?? "").toLowerCase(),
        );
        if (!name) throw new SimHttpError(404, `Security group '${r.params.name}' was not found.`);
        const [read, add, update, remove] = RIGHTS[name.toLowerCase()] ?? [true, true, false, false];
        const privileges = ENTITIES.map((entity) => ({
          "entity-code": entity,
          can_read: read,
          can_add: add,
          can_update: update,
          can_delete: remove,
        }));
        return { status: 200, body: listBody(privileges, rangeOf(r), aclOf(me), (p) => p) };
      }),
    )
    .get(
      "/projects",
      takes(PAGED, (r) => {
        const me = requester(state, r);
        const projects = [...state.projects.values()]
          .filter((p) => canSeeProject(me, p))
          .sort((a, b) => a.id - b.id);
        const render = (p: StoredProject) =>
          projectJson(p, state.depts.get(p.dept_id)?.dept_name ?? "", aclOf(me));
        return { status: 200, body: listBody(projects, rangeOf(r), aclOf(me), render) };
      }),
    )
    .get(
      "/projects/:projId/users",
      takes(FILTERED, (r) => {
        const me = requester(state, r);
        const project = state.projects.get(intParam(r, "projId"));
        if (!project || !canSeeProject(me, project))
          throw new SimHttpError(404, `Project ${r.params.projId} was not found.`);
        const members = [...(state.projectMembers.get(project.id) ?? [])].sort((a, b) => a - b);
        return userList(r, me, members);
      }),
    );
}
