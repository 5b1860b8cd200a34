/**
 * The choke point: every vendor write of every source goes through the audit trail, because the
 * gateway hands out connectors whose writes are wrapped here (gateway.ts), once, for every member
 * of ConnectorWrites. Resolvers, the plan engine and the vendors know nothing of it.
 */
import type { Connector } from "../vendors/connector.js";
import type { ConnectorWrites } from "../vendors/connector-writes.js";
import type { AuditTrail } from "./audit-trail.js";
import { auditedAccessWriter } from "./audited-access.js";
import { auditedGroupWriter, auditedTeamWriter } from "./audited-memberships.js";
import { auditedUserWriter } from "./audited-users.js";

/** The same writes (the same members present, so the same capabilities), each one recorded. */
export function auditedWrites(connector: Connector, trail: AuditTrail): ConnectorWrites | undefined {
  const { writes, source } = connector;
  if (!writes) return undefined;
  return {
    users: writes.users && auditedUserWriter(writes.users, source, trail),
    access: writes.access && auditedAccessWriter(writes.access, source, trail),
    teams: writes.teams && auditedTeamWriter(writes.teams, source, trail),
    groups: writes.groups && auditedGroupWriter(writes.groups, source, trail),
    unsupported: writes.unsupported,
  };
}

/** The connector with its writes recorded (its reads, capabilities and the rest untouched). */
export function withAuditedWrites(connector: Connector, trail: AuditTrail): Connector {
  return Object.assign(connector, { writes: auditedWrites(connector, trail) });
}
