import type { SimRequest, SimRouter } from "../../../simulator/router.js";
import { SimHttpError } from "../../../simulator/sim-server.js";
import { canonicalPermission, joinPermissions } from "../usage-permissions.js";
import { requireManager } from "./auth.js";
import { checkEmail, has, isObject, type JsonObject, ModelState, prop, validated } from "./body.js";
import {
  archiveGroup,
  archiveUser,
  changeGroup,
  changeUser,
  holdsAccounts,
  insertGroup,
  insertUser,
} from "./mutations.js";
import { groupJson, userAnswerJson } from "./representations.js";
import type { StoredGroup, StoredUser, TestResultsState } from "./state.js";

/**
 * The write routes of the "User Management" doc page, relative to `/api`: Create/Update/Delete
 * User and Create/Update/Delete User Group. The page shows bodies and answers only; statuses and
 * refusals below are [I] (ASP.NET Web API conventions): 200 with the entity, 204 for a delete,
 * 400 + ModelState for a refused body, 404 for an unknown or archived id, 409 for a stale
 * `DataVersion`. A request without `DataVersion` is not checked (the page's bodies carry none).
 */

/** The members each body of the doc page shows ("Create new User", "Update User", "Create new
 *  User Group", "Update User Group"), plus [I] the `DataVersion` an update sends back. */
const NEW_USER = ["DisplayName", "Email", "UserGroup"];
const USER_UPDATE = ["UserData"];
const USER_DATA = ["DisplayName", "Email", "UserGroup", "DataVersion"];
const GROUP_REF = ["Id"];
const NEW_GROUP = ["Name", "Description", "UsagePermission"];
const GROUP_UPDATE = [...NEW_GROUP, "DataVersion"];

const GROUP_GONE = "User group not found.";
const USER_GONE = "User not found.";

function bodyOf(request: SimRequest): JsonObject {
  if (!isObject(request.body)) {
    const state = new ModelState();
    state.add("", "The request body is required.");
    state.throwIfAny();
  }
  return request.body as JsonObject;
}

const liveUser = (state: TestResultsState, id: string | undefined): StoredUser => {
  const user = state.users.get((id ?? "").toLowerCase());
  if (!user || user.Archived) throw new SimHttpError(404, USER_GONE);
  return user;
};

const liveGroup = (state: TestResultsState, id: string | undefined): StoredGroup | undefined => {
  const group = state.groups.get((id ?? "").toLowerCase());
  return group && !group.Archived ? group : undefined;
};

/** A stale rowversion: someone wrote the row since the caller read it. */
function checkVersion(body: JsonObject, current: string | null, what: string): void {
  if (has(body, "DataVersion") && (prop(body, "DataVersion") ?? null) !== current)
    throw new SimHttpError(
      409,
      `The ${what} was changed by someone else since it was read (DataVersion mismatch). Reload it and try again.`,
    );
}

/** `UserGroup: { Id }`: present and naming a live group, or a ModelState error. */
function groupRef(
  state: TestResultsState,
  errors: ModelState,
  body: JsonObject,
  property: string,
  required: boolean,
): StoredGroup | undefined {
  const ref = prop(body, "UserGroup");
  if (ref === undefined || ref === null) {
    if (required) errors.add(property, "The UserGroup field is required.");
    return undefined;
  }
  if (isObject(ref)) errors.members(ref, GROUP_REF, "UserGroup", `${property}.`);
  const id = isObject(ref) ? errors.text(ref, "Id", `${property}.Id`, true) : undefined;
  if (!isObject(ref)) errors.add(property, "The UserGroup field must be an object with an Id.");
  if (id === undefined) return undefined;
  const group = liveGroup(state, id);
  if (!group) errors.add(`${property}.Id`, GROUP_GONE);
  return group;
}

/** `UsagePermission`: comma separated, at least one (doc page "Create new User Group"), each known. */
function usagePermission(errors: ModelState, body: JsonObject, required: boolean): string | undefined {
  const text = errors.text(body, "UsagePermission", "UsagePermission", required);
  if (text === undefined) return undefined;
  const names = text
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean);
  const unknown = names.filter((p) => canonicalPermission(p) === null);
  if (names.length === 0) errors.add("UsagePermission", "At least one usage permission is required.");
  for (const name of unknown) errors.add("UsagePermission", `'${name}' is not a valid usage permission.`);
  return joinPermissions([...new Set(names.map((p) => canonicalPermission(p) ?? p))]);
}

function emailTaken(state: TestResultsState, errors: ModelState, email: string | undefined, self?: string) {
  const holder = email === undefined ? undefined : state.emails.get(email.toLowerCase());
  if (holder !== undefined && holder !== self?.toLowerCase())
    errors.add("Email", "A user with this email already exists.");
}

export function testResultsWriteRoutes(state: TestResultsState, router: SimRouter): SimRouter {
  return router
    .post(
      "/users",
      validated((request) => {
        requireManager(state, request);
        const body = bodyOf(request);
        const errors = new ModelState();
        errors.members(body, NEW_USER, "User");
        const email = errors.text(body, "Email", "Email", true);
        checkEmail(errors, email, "Email");
        const displayName = errors.text(body, "DisplayName", "DisplayName", false) ?? null;
        const group = groupRef(state, errors, body, "UserGroup", true);
        emailTaken(state, errors, email);
        errors.throwIfAny();
        const user = insertUser(state, {
          Email: email as string,
          DisplayName: displayName,
          groupId: (group as StoredGroup).Id,
        });
        return { status: 200, body: userAnswerJson(user, state) };
      }),
    )
    .put(
      "/users/:uId",
      validated((request) => {
        requireManager(state, request);
        const body = bodyOf(request);
        const data = prop(body, "UserData");
        const wrapper = new ModelState();
        wrapper.members(body, USER_UPDATE, "UserUpdate");
        if (!isObject(data)) wrapper.add("UserData", "The UserData field is required.");
        wrapper.throwIfAny();
        const user = liveUser(state, request.params.uId);
        const fields = data as JsonObject;
        const errors = new ModelState();
        errors.members(fields, USER_DATA, "User", "UserData.");
        errors.dataVersion(fields, "UserData.DataVersion");
        // [I] Omitted fields keep their value; the page's example sends all three.
        const email = errors.text(fields, "Email", "UserData.Email", has(fields, "Email"));
        checkEmail(errors, email, "UserData.Email");
        const group = groupRef(state, errors, fields, "UserData.UserGroup", false);
        emailTaken(state, errors, email, user.Id);
        errors.throwIfAny();
        checkVersion(fields, user.DataVersion, "user");
        changeUser(state, user, {
          Email: email,
          DisplayName: has(fields, "DisplayName")
            ? (errors.text(fields, "DisplayName", "UserData.DisplayName", false) ?? null)
            : undefined,
          groupId: group?.Id,
        });
        return { status: 200, body: userAnswerJson(user, state) };
      }),
    )
    .delete("/users/:uId", (request) => {
      requireManager(state, request);
      archiveUser(state, liveUser(state, request.params.uId));
      return { status: 204 };
    })
    .post(
      "/management/customers/current/groups",
      validated((request) => {
        requireManager(state, request);
        const body = bodyOf(request);
        const errors = new ModelState();
        errors.members(body, NEW_GROUP, "UserGroup");
        const name = errors.text(body, "Name", "Name", true);
        const description = errors.text(body, "Description", "Description", false) ?? null;
        const permissions = usagePermission(errors, body, true);
        errors.throwIfAny();
        const group = insertGroup(state, {
          Name: name as string,
          Description: description,
          UsagePermission: permissions as string,
        });
        return { status: 200, body: groupJson(group) };
      }),
    )
    .put(
      "/management/customers/current/groups/:gId",
      validated((request) => {
        requireManager(state, request);
        const body = bodyOf(request);
        const group = liveGroup(state, request.params.gId);
        if (!group) throw new SimHttpError(404, GROUP_GONE);
        const errors = new ModelState();
        errors.members(body, GROUP_UPDATE, "UserGroup");
        errors.dataVersion(body, "DataVersion");
        const name = errors.text(body, "Name", "Name", has(body, "Name"));
        const permissions = usagePermission(errors, body, has(body, "UsagePermission"));
        errors.throwIfAny();
        checkVersion(body, group.DataVersion, "user group");
        changeGroup(state, group, {
          Name: name,
          Description: has(body, "Description")
            ? (errors.text(body, "Description", "Description", false) ?? null)
            : undefined,
          UsagePermission: permissions,
        });
        return { status: 200, body: groupJson(group) };
      }),
    )
    .delete("/management/customers/current/groups/:gId", (request) => {
      requireManager(state, request);
      const group = liveGroup(state, request.params.gId);
      if (!group) throw new SimHttpError(404, GROUP_GONE);
      // [I] Every account needs its group (Create User requires one): a group in use stays.
      if (holdsAccounts(state, group))
        throw new SimHttpError(
          400,
          "The user group is still assigned to users. Move them to another group first.",
        );
      archiveGroup(state, group);
      return { status: 204 };
    });
}
