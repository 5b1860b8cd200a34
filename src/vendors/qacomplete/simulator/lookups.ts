import type { SimRequest } from "../../../simulator/router.js";
import { SimHttpError } from "../../../simulator/sim-server.js";
import { belongsTo, type QacState, type StoredDept, type StoredProject, type StoredUser } from "./state.js";

/** Route parameters resolved against the state, with the vendor's refusals; shared by the read
 *  and the write routes. */

export const noResource = (r: SimRequest) =>
  new SimHttpError(404, `No HTTP resource was found that matches the request URI '${r.path}'.`);
const forbidden = () =>
  new SimHttpError(403, "The authenticating user must have administrator privileges for this operation.");

/** A numeric route id, as ASP.NET's `{id:int}` constraint would have it. */
export function intParam(r: SimRequest, name: string): number {
  const raw = r.params[name] ?? "";
  if (!/^\d{1,10}$/.test(raw)) throw noResource(r);
  return Number(raw);
}

/** The route's department, which the caller must belong to. */
export function deptOf(state: QacState, r: SimRequest, me: StoredUser): StoredDept {
  const dept = state.depts.get(intParam(r, "deptId"));
  if (!dept) throw new SimHttpError(404, `Department ${r.params.deptId} was not found.`);
  if (!belongsTo(state, me.id, dept.id))
    throw new SimHttpError(403, "You have no access to this department.");
  return dept;
}

/** The route's department, for the users and security-group routes ("administrator privileges"). */
export function adminDeptOf(state: QacState, r: SimRequest, me: StoredUser): StoredDept {
  const dept = deptOf(state, r, me);
  if (!me.is_security_admin) throw forbidden();
  return dept;
}

/** The route's user, who must be filed under the route's department. */
export function deptUser(state: QacState, r: SimRequest, dept: StoredDept): StoredUser {
  const id = intParam(r, "userId");
  const user = state.users.get(id);
  if (!user || !belongsTo(state, id, dept.id)) throw new SimHttpError(404, `User ${id} was not found.`);
  return user;
}

/** The user's (project, group) pairs in the department's projects, by project id. */
export function deptGroupsOf(
  state: QacState,
  userId: number,
  deptId: number,
): Array<{ project: StoredProject; group: string }> {
  return [...(state.memberships.get(userId) ?? [])]
    .map(([projectId, group]) => ({ project: state.projects.get(projectId), group }))
    .filter((g): g is { project: StoredProject; group: string } => g.project?.dept_id === deptId)
    .sort((a, b) => a.project.id - b.project.id);
}
