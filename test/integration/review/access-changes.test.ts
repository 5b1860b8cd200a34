/**
 * accessChanges end to end: snapshots taken from the simulators over real HTTP, access changed
 * through the gateway's mutations (audited) and straight through the vendor's own API (outside
 * Rollcall), then compared — each change with the right origin, a failing source never reported
 * as accounts removed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SourceConfig } from "../../../src/config/config-schema.js";
import { parseConfig } from "../../../src/config/load-config.js";
import { SnapshotTrigger } from "../../../src/history/snapshot.js";
import { takeSnapshot } from "../../../src/history/take-snapshot.js";
import { SourceSession } from "../../../src/loaders/source-session.js";
import { Capability } from "../../../src/model/capabilities.js";
import { fromGlobalId } from "../../../src/schema/common/global-id.js";
import { connect } from "../../../src/vendors/capabilities.js";
import type { Connector } from "../../../src/vendors/connector.js";
import { vendors } from "../../../src/vendors/registry.js";
import { type GatewayHarness, startGateway } from "../../support/gateway-harness.js";
import { projectRolesOf, vendorWhere } from "../../support/pick-vendor.js";

const vendor = vendorWhere(
  (c) =>
    c.capabilities.has(Capability.DEACTIVATE_USERS) &&
    c.capabilities.has(Capability.ASSIGN_PROJECTS) &&
    c.capabilities.has(Capability.PERMISSIONS),
  "that deactivates users and assigns project roles",
);
const other = vendors.find((v) => v.kind !== vendor.kind)!;
const source = vendor.kind;

interface Change {
  kind: string;
  origin: string;
  source: string;
  account: { userId: string; remoteId: string };
  project: { projectId: string | null } | null;
  after: { role: string | null; level: string } | null;
  auditEvent: { id: string; action: string; caller: string; outcome: string } | null;
}
interface Changes {
  accessChanges: {
    totalCount: number;
    from: string;
    to: string;
    comparedSources: string[];
    incompleteSources: string[];
    nodes: Change[];
  };
}

const CHANGES = `query ($from: ID!, $to: ID, $filter: AccessChangeFilter) {
  accessChanges(from: $from, to: $to, filter: $filter, first: 200) {
    totalCount from to comparedSources incompleteSources
    nodes {
      kind origin source
      account { userId remoteId }
      project { projectId }
      after { role level }
      auditEvent { id action caller outcome }
    }
  }
}`;

describe("accessChanges against the simulators", () => {
  let gw: GatewayHarness;
  let outsider: Connector;

  beforeAll(async () => {
    gw = await startGateway({
      instances: [
        { vendor, id: source },
        { vendor: other, id: other.kind },
      ],
      users: 6,
    });
    // The vendor's own API, as its UI or a script would use it: same instance, no Rollcall trail.
    const [config] = parseConfig({
      sources: [vendor.simulator.demoSource(gw.sims.get(source)!.url, source)],
    }).sources;
    outsider = connect(vendor, config as SourceConfig);
  });
  afterAll(async () => {
    await outsider?.close();
    await gw?.stop();
  });

  const snapshotNow = () =>
    takeSnapshot(gw.rollcall.gateway, gw.rollcall.store, {
      trigger: SnapshotTrigger.MANUAL,
      takenBy: "spec",
    });

  async function activeUsers(): Promise<string[]> {
    const { data } = await gw.gql<{ users: { nodes: Array<{ id: string }> } }>(
      `{ users(sources: ["${source}"], first: 50, filter: { active: true }) { nodes { id } } }`,
    );
    return data!.users.nodes.map((n) => n.id);
  }

  it("shows a change made through Rollcall with its audit event, and one made in the vendor as outside Rollcall", async () => {
    const before = await snapshotNow();
    expect(before.status).toBe("COMPLETE");
    const [viaRollcall, viaVendor, assigned] = await activeUsers();
    expect(assigned, "three active users").toBeDefined();

    const off = await gw.mutate<{ setUserActive: { ok: boolean } }>(
      `mutation ($id: ID!) { setUserActive(input: { users: [$id], active: false }) { ok } }`,
      { id: viaRollcall },
    );
    expect(off.data?.setUserActive.ok, JSON.stringify(off)).toBe(true);
    const { data: projects } = await gw.gql<{ projects: { nodes: Array<{ id: string }> } }>(
      `{ projects(sources: ["${source}"], first: 1) { nodes { id } } }`,
    );
    const project = projects!.projects.nodes[0]!.id;
    const role = (await projectRolesOf(vendor)).at(-1)!;
    const assign = await gw.mutate<{ assignUserToProject: { ok: boolean } }>(
      `mutation ($user: ID!, $project: ID!, $role: String!) { assignUserToProject(input: { user: $user, project: $project, role: $role }) { ok results { error { message } } } }`,
      { user: assigned, project, role },
    );
    expect(assign.data?.assignUserToProject.ok, JSON.stringify(assign)).toBe(true);
    const session = new SourceSession(outsider);
    await outsider.writes!.users!.setActive!([fromGlobalId(viaVendor!)!.remoteId], false, session);

    // Without `to`: a snapshot is taken now and compared.
    const { data, errors } = await gw.gql<Changes>(CHANGES, { from: before.id });
    expect(errors).toBeUndefined();
    const answer = data!.accessChanges;
    expect(answer.from).toBe(before.id);
    expect(answer.to).toMatch(/^snap_/);
    expect(answer.to).not.toBe(before.id);
    expect(answer.comparedSources.sort()).toEqual([source, other.kind].sort());
    expect(answer.incompleteSources).toEqual([]);
    const deactivated = answer.nodes.filter((c) => c.kind === "ACCOUNT_DEACTIVATED");
    const byAccount = (a: unknown[], b: unknown[]) => String(a[0]).localeCompare(String(b[0]));
    expect(
      deactivated.map((c) => [c.account.userId, c.origin, c.auditEvent?.action ?? null]).sort(byAccount),
    ).toEqual(
      [
        [viaRollcall, "ROLLCALL", "DEACTIVATE_ACCOUNT"],
        [viaVendor, "OUTSIDE_ROLLCALL", null],
      ].sort(byAccount),
    );
    expect(deactivated.find((c) => c.origin === "ROLLCALL")?.auditEvent).toMatchObject({
      caller: "key:test-writer",
      outcome: "APPLIED",
    });
    const gained = answer.nodes.filter(
      (c) =>
        c.account.userId === assigned && c.project?.projectId === project && c.kind !== "ACCOUNT_DEACTIVATED",
    );
    expect(gained.length, JSON.stringify(answer.nodes)).toBe(1);
    expect(gained[0]).toMatchObject({ origin: "ROLLCALL", auditEvent: { outcome: "APPLIED" } });
    expect(["PERMISSION_GAINED", "PERMISSION_CHANGED"]).toContain(gained[0]!.kind);
    // Nothing else changed: the rest of the instance read the same twice.
    expect(answer.nodes.filter((c) => c.source === other.kind)).toEqual([]);

    const outside = await gw.gql<Changes>(CHANGES, {
      from: before.id,
      to: answer.to,
      filter: { origin: "OUTSIDE_ROLLCALL", kinds: ["ACCOUNT_DEACTIVATED"] },
    });
    expect(outside.data!.accessChanges.nodes.map((c) => c.account.userId)).toEqual([viaVendor]);
    expect(outside.data!.accessChanges.totalCount).toBe(1);
  });

  it("reports a source failing in the newer snapshot as not compared, never its accounts as removed", async () => {
    const before = await snapshotNow();
    gw.sims.get(other.kind)!.faults.inject({ kind: "5xx", status: 503 });
    let after: Awaited<ReturnType<typeof snapshotNow>>;
    try {
      after = await snapshotNow();
    } finally {
      gw.sims.get(other.kind)!.faults.clear();
    }
    expect(after.status).toBe("PARTIAL");
    const { data, errors } = await gw.gql<Changes>(CHANGES, { from: before.id, to: after.id });
    expect(errors).toBeUndefined();
    expect(data!.accessChanges).toMatchObject({
      comparedSources: [source],
      incompleteSources: [other.kind],
      totalCount: 0,
      nodes: [],
    });
  });

  it("refuses a snapshot it does not hold, naming the argument", async () => {
    const before = await snapshotNow();
    for (const [variables, field] of [
      [{ from: "snap_nope" }, "from"],
      [{ from: before.id, to: "snap_nope" }, "to"],
    ] as const) {
      const { errors } = await gw.gql(CHANGES, variables);
      expect(errors?.[0]).toMatchObject({
        message: 'No snapshot "snap_nope"',
        extensions: { code: "BAD_USER_INPUT", field },
      });
    }
  });
});
