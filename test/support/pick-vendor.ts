/**
 * Shared tests pick a vendor as a fixture by what it can do, never by name: the registry's first
 * vendor with a capability (or any other property of its connector), read from a connector built
 * from the vendor's demo config, which makes no call until asked.
 */
import { parseConfig } from "../../src/config/load-config.js";
import type { Capability } from "../../src/model/capabilities.js";
import { connect } from "../../src/vendors/capabilities.js";
import type { Connector } from "../../src/vendors/connector.js";
import { vendors } from "../../src/vendors/registry.js";
import type { VendorModule } from "../../src/vendors/vendor-module.js";
import { startVendor } from "./vendor-harness.js";

/** What a vendor's connector (built from its demo config, making no call) says of it. */
export function inspect<T>(vendor: VendorModule, read: (connector: Connector) => T): T {
  const [config] = parseConfig({
    sources: [vendor.simulator.demoSource("http://127.0.0.1:9", "pick")],
  }).sources;
  const connector = connect(vendor, config as never);
  try {
    return read(connector);
  } finally {
    void connector.close();
  }
}

/** The registry's first vendor whose connector satisfies `has`; `what` says what was looked for. */
export function vendorWhere(
  has: (connector: Connector, vendor: VendorModule) => boolean,
  what: string,
): VendorModule {
  const found = vendors.find((vendor) => inspect(vendor, (connector) => has(connector, vendor)));
  if (!found) throw new Error(`no registered vendor ${what}`);
  return found;
}

/** What a vendor's source can do (its connector's derived capabilities). */
export const capabilitiesOfVendor = (vendor: VendorModule): ReadonlySet<Capability> =>
  inspect(vendor, (c) => c.capabilities);

/** Any vendor, where nothing about it matters: the registry's first. */
export const anyVendor = (): VendorModule => vendors[0] as VendorModule;

/** A user's id in the vendor's simulator from its doc examples, when they name one. */
function docUserId(vendor: VendorModule): string | undefined {
  return vendor.simulator.docExamples.find((e) => e.type === "User")?.remoteId;
}

/** The registry's first vendor with these capabilities whose doc examples name a user, and that user. */
export function userOfVendorWith(...capabilities: Capability[]): { vendor: VendorModule; remoteId: string } {
  const vendor = vendorWhere(
    (c, v) =>
      capabilities.every((capability) => c.capabilities.has(capability)) && docUserId(v) !== undefined,
    `with ${capabilities.join(", ")} and a doc example user`,
  );
  return { vendor, remoteId: docUserId(vendor) as string };
}

/**
 * The registry's first vendor with avatars, and a user whose picture its simulator (seeded with
 * `users` generated people, as the test's own will be) serves: read through a connector of its own,
 * so nothing the test counts sees it.
 */
export async function userWithAvatar(users: number): Promise<{
  vendor: VendorModule;
  remoteId: string;
  picture: { contentType: string; data: Buffer };
}> {
  const vendor = vendorWhere((c) => c.avatar !== undefined, "with avatars");
  const h = await startVendor(vendor, { users });
  try {
    const { items } = await h.connector.users.list({ filter: {}, offset: 0, limit: 100 }, h.session());
    for (const user of items) {
      const picture = await h.connector.avatar?.(user.remoteId);
      if (picture) return { vendor, remoteId: user.remoteId, picture };
    }
    throw new Error(`no ${vendor.kind} user has a picture`);
  } finally {
    await h.stop();
  }
}

/** The registry's first vendor whose demo source signs in (a call to a public route) before reading. */
export async function vendorThatSignsIn(): Promise<VendorModule> {
  for (const vendor of vendors) {
    const h = await startVendor(vendor, { users: 1 });
    try {
      await h.connector.users.list({ filter: {}, offset: 0, limit: 1 }, h.session());
      if (h.sim.log.list().some((e) => e.public)) return vendor;
    } finally {
      await h.stop();
    }
  }
  throw new Error("no registered vendor signs in");
}

/** The project roles a vendor's source accepts (its access writer's list, read from its simulator). */
export async function projectRolesOf(vendor: VendorModule): Promise<readonly string[]> {
  const h = await startVendor(vendor, { users: 1 });
  try {
    const access = h.connector.writes?.access;
    if (!access) throw new Error(`${vendor.kind} assigns no project roles`);
    return (await access.projectRoles(h.session())).names;
  } finally {
    await h.stop();
  }
}
