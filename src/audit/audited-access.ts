import type { PermissionRecord } from "../model/records.js";
import { StepAction } from "../plans/plan.js";
import { toGlobalId } from "../schema/common/global-id.js";
import type { RequestScope, SourceDescriptor } from "../vendors/connector.js";
import type { AccessWriter } from "../vendors/connector-writes.js";
import type { AuditTrail } from "./audit-trail.js";
import { permissionsLoaded, usersLoaded } from "./known-before.js";
import { applied, perKey, sentences, unchanged } from "./outcome-parts.js";

/** The role a user held of their own (not through a group or team) on a project: a name, null for
 *  none, undefined when the operation has not read it. */
function heldRole(scope: RequestScope, userId: string, projectId: string): string | null | undefined {
  const permissions = permissionsLoaded(scope, userId);
  if (!permissions) return undefined;
  const own = permissions.find((p: PermissionRecord) => p.projectId === projectId && !p.via);
  return own ? own.role : null;
}

/** What the vendor found, in words (the role before is often unknown to the trail itself). */
const FOUND = {
  CREATED: "The user held no role of their own on the project before.",
  UPDATED: "The user held another role on the project before.",
  UNCHANGED: "The user already held that role: nothing was sent.",
} as const;

export function auditedAccessWriter(
  writer: AccessWriter,
  source: SourceDescriptor,
  trail: AuditTrail,
): AccessWriter {
  const ids = (userId: string, projectId: string) => ({
    target: toGlobalId(source.id, "User", userId),
    project: toGlobalId(source.id, "Project", projectId),
  });
  return {
    projectRoles: (scope) => writer.projectRoles(scope),
    grant: (grants, scope) =>
      trail.write(
        source,
        () => {
          const users = usersLoaded(
            scope,
            grants.map((g) => g.userId),
          );
          return grants.map((g) => {
            const { target, project } = ids(g.userId, g.projectId);
            const held = heldRole(scope, g.userId, g.projectId);
            return {
              target,
              action: held && held !== g.role ? StepAction.CHANGE_ROLE : StepAction.ASSIGN_ROLE,
              before: held === undefined ? null : { project, role: held },
              // A null role is the vendor's default role for the project.
              after: { project, role: g.role },
              account: { remoteId: g.userId, user: users.get(g.userId) ?? null },
            };
          });
        },
        () => writer.grant(grants, scope),
        (answers) =>
          perKey(answers, (a) => {
            const message = sentences(FOUND[a.status], ...(a.warnings ?? []));
            return a.status === "UNCHANGED" ? unchanged(message) : applied(message);
          }),
      ),
    revoke: (revocations, scope) =>
      trail.write(
        source,
        () => {
          const users = usersLoaded(
            scope,
            revocations.map((r) => r.userId),
          );
          return revocations.map((r) => {
            const { target, project } = ids(r.userId, r.projectId);
            const held = heldRole(scope, r.userId, r.projectId);
            return {
              target,
              action: StepAction.REMOVE_FROM_PROJECT,
              before: held === undefined ? null : { project, role: held },
              after: { project, role: null },
              account: { remoteId: r.userId, user: users.get(r.userId) ?? null },
            };
          });
        },
        () => writer.revoke(revocations, scope),
        (answers) =>
          perKey(answers, (a) =>
            a === "UNCHANGED"
              ? unchanged("The user held no role of their own there: nothing was sent.")
              : applied(),
          ),
      ),
  };
}
