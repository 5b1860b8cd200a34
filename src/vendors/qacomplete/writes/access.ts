import type { RequestScope } from "../../connector.js";
import type { AccessWriter } from "../../connector-writes.js";
import type { QacWriteContext } from "./context.js";
import { grant } from "./grant.js";
import { revoke } from "./revoke.js";

/** Project access is a security group per (user, project); the roles are the department's groups. */
export function createQacAccessWriter(ctx: QacWriteContext): AccessWriter {
  // `GET /depts/{DeptId}/securitygroups` answers names only; once per request, shared by the
  // generic role check and grant's own.
  const roleNames = (scope: RequestScope): Promise<readonly string[]> =>
    scope.once("qacomplete:securitygroup-names", async () =>
      (await ctx.readAll((range) => ctx.client.listSecurityGroups(range))).map((g) => g.name),
    );
  return {
    async projectRoles(scope) {
      return { names: await roleNames(scope), defaultRole: null };
    },
    grant: (grants, scope) => grant(ctx, grants, roleNames, scope),
    revoke: (revocations, scope) => revoke(ctx, revocations, scope),
  };
}
