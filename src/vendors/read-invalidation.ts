/**
 * Writes and the shared read cache (http/read-cache.ts): every write a source's connector makes
 * reads the vendor itself (its checks, its settling reads, its answer), and afterwards drops every
 * read of that source cached for any replica — whatever the write touched, and whether or not it
 * succeeded (a write whose outcome is unknown may have changed the vendor).
 */
import type { Connector } from "./connector.js";
import type { ConnectorWrites } from "./connector-writes.js";
import { freshReads } from "./http/fresh-reads.js";
import type { ReadCache } from "./http/read-cache.js";

/** Members of a writer that only read: fresh, but nothing to forget. */
const READS_ONLY: ReadonlySet<PropertyKey> = new Set(["projectRoles"]);

function invalidating<W extends object>(writer: W, forget: () => Promise<void>): W {
  return new Proxy(writer, {
    get(target, name, receiver) {
      const member: unknown = Reflect.get(target, name, receiver);
      if (typeof member !== "function") return member;
      return (...args: unknown[]) =>
        freshReads(async () => {
          try {
            return await member.apply(target, args);
          } finally {
            if (!READS_ONLY.has(name)) await forget();
          }
        });
    },
  });
}

/** The connector with each write reading fresh and then dropping the source's cached reads. */
export function withReadInvalidation(connector: Connector, cache: ReadCache): Connector {
  const { writes, source } = connector;
  if (!writes) return connector;
  const forget = () => cache.forget(source.id);
  const wrapped: ConnectorWrites = {
    users: writes.users && invalidating(writes.users, forget),
    access: writes.access && invalidating(writes.access, forget),
    teams: writes.teams && invalidating(writes.teams, forget),
    groups: writes.groups && invalidating(writes.groups, forget),
    unsupported: writes.unsupported,
  };
  return Object.assign(connector, { writes: wrapped });
}
