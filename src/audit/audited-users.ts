import type { UserRecord } from "../model/records.js";
import { StepAction } from "../plans/plan.js";
import { globalIdOf, toGlobalId } from "../schema/common/global-id.js";
import type { SourceDescriptor } from "../vendors/connector.js";
import type { NewUser, UserChanges, UserWriter } from "../vendors/connector-writes.js";
import type { AuditTrail } from "./audit-trail.js";
import { usersLoaded } from "./known-before.js";
import { applied, perKey, unchanged } from "./outcome-parts.js";

/** What an invite asks for, as recorded: never the password (nor whether one was sent). */
function newAccountView(sourceId: string, user: NewUser) {
  return {
    email: user.email,
    firstName: user.firstName,
    lastName: user.lastName,
    ...(user.login !== undefined && { login: user.login }),
    ...(user.globalRole !== undefined && { globalRole: user.globalRole }),
    ...(user.groupIds?.length && { groups: user.groupIds.map((id) => toGlobalId(sourceId, "Group", id)) }),
  };
}

/** The changes an update asks for (the version token is bookkeeping, not a change). */
function changedFields(changes: UserChanges): Record<string, string> {
  const { version: _version, ...fields } = changes;
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Record<
    string,
    string
  >;
}

/** Those fields as the account held them, where the unified model reads them (a global role it does not). */
function heldFields(user: UserRecord | null, fields: Record<string, string>): Record<string, unknown> | null {
  if (!user) return null;
  const readable = ["email", "firstName", "lastName", "login"] as const;
  const held = Object.fromEntries(readable.filter((k) => k in fields).map((k) => [k, user[k]]));
  return Object.keys(held).length > 0 ? held : null;
}

/** An account as it stood before it was deleted. */
const accountView = (user: UserRecord | null) =>
  user && { login: user.login, email: user.email, displayName: user.displayName, active: user.active };

export function auditedUserWriter(
  writer: UserWriter,
  source: SourceDescriptor,
  trail: AuditTrail,
): UserWriter {
  const { update, setActive, remove } = writer;
  const userId = (id: string) => toGlobalId(source.id, "User", id);
  return {
    setsPassword: writer.setsPassword,
    invite: (user, scope) =>
      trail.write(
        source,
        () => [
          {
            target: user.email,
            action: StepAction.CREATE_ACCOUNT,
            before: null,
            after: newAccountView(source.id, user),
            email: user.email,
          },
        ],
        () => writer.invite(user, scope),
        ({ status, user: now }) => [
          status === "CREATED"
            ? applied(`Created ${globalIdOf(now)}`)
            : unchanged(`Not created: ${globalIdOf(now)} already has this email`),
        ],
      ),
    update:
      update &&
      ((id, changes, scope) =>
        trail.write(
          source,
          () => {
            const before = usersLoaded(scope, [id]).get(id) ?? null;
            const fields = changedFields(changes);
            return [
              {
                target: userId(id),
                action: StepAction.UPDATE_ACCOUNT,
                before: heldFields(before, fields),
                after: fields,
                account: { remoteId: id, user: before },
              },
            ];
          },
          () => update.call(writer, id, changes, scope),
          () => [applied()],
        )),
    setActive:
      setActive &&
      ((ids, active, scope) =>
        trail.write(
          source,
          () => {
            const before = usersLoaded(scope, ids);
            return ids.map((id) => {
              const user = before.get(id) ?? null;
              return {
                target: userId(id),
                action: active ? StepAction.REACTIVATE_ACCOUNT : StepAction.DEACTIVATE_ACCOUNT,
                before: user && { active: user.active },
                after: { active },
                account: { remoteId: id, user },
              };
            });
          },
          () => setActive.call(writer, ids, active, scope),
          (answers) => perKey(answers, () => applied()),
        )),
    remove:
      remove &&
      ((ids, scope) =>
        trail.write(
          source,
          () => {
            const before = usersLoaded(scope, ids);
            return ids.map((id) => {
              const user = before.get(id) ?? null;
              return {
                target: userId(id),
                action: StepAction.DELETE_ACCOUNT,
                before: accountView(user),
                after: null,
                account: { remoteId: id, user },
              };
            });
          },
          () => remove.call(writer, ids, scope),
          (answers) => perKey(answers, () => applied()),
        )),
  };
}
