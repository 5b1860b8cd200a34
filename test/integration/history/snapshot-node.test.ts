/**
 * A snapshot is a `Node`: its id (`snap_…`, the one `snapshot(id:)` and the review's arguments
 * take) is its global id, and `node(id:)` / `nodes(ids:)` read it back — with read scope, like
 * every other read.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SnapshotStatus } from "../../../src/history/snapshot.js";
import { vendors } from "../../../src/vendors/registry.js";
import { type GatewayHarness, startGateway } from "../../support/gateway-harness.js";

const vendor = vendors[0]!;
const NODE = `query($id: ID!) { node(id: $id) { __typename id ... on Snapshot { status accountCount sources { sourceId status } } } }`;

interface SnapshotNode {
  __typename: string;
  id: string;
  status?: string;
  accountCount?: number;
  sources?: Array<{ sourceId: string; status: string }>;
}

describe("a snapshot as a Node", () => {
  let gw: GatewayHarness;
  let snapshotId: string;
  const asReader = () => ({ authorization: `Bearer ${gw.keys.read}` });
  beforeAll(async () => {
    gw = await startGateway({
      users: 12,
      instances: [{ vendor, id: vendor.kind }],
      auth: { anonymousReads: false },
    });
    const taken = await gw.mutate<{ takeSnapshot: { id: string } }>(`mutation { takeSnapshot { id } }`);
    expect(taken.errors).toBeUndefined();
    snapshotId = taken.data!.takeSnapshot.id;
    for (;;) {
      const { data } = await gw.gql<{ snapshot: { status: string } }>(
        `query($id: ID!) { snapshot(id: $id) { status } }`,
        { id: snapshotId },
        asReader(),
      );
      if (data?.snapshot.status !== SnapshotStatus.RUNNING) break;
      await new Promise((r) => setTimeout(r, 50));
    }
  }, 60_000);
  afterAll(() => gw?.stop());

  it("reads back by node(id:) with the id snapshot(id:) takes, as snapshot(id:) answers it", async () => {
    const byNode = await gw.gql<{ node: SnapshotNode }>(NODE, { id: snapshotId }, asReader());
    expect(byNode.errors).toBeUndefined();
    const bySnapshot = await gw.gql<{ snapshot: Omit<SnapshotNode, "__typename"> }>(
      `query($id: ID!) { snapshot(id: $id) { id status accountCount sources { sourceId status } } }`,
      { id: snapshotId },
      asReader(),
    );
    expect(bySnapshot.errors).toBeUndefined();
    expect(byNode.data!.node).toEqual({ __typename: "Snapshot", ...bySnapshot.data!.snapshot });
    expect(byNode.data!.node).toMatchObject({ id: snapshotId, status: "COMPLETE" });
    expect(byNode.data!.node.accountCount).toBeGreaterThan(0);
  });

  it("answers nodes(ids:) with snapshots beside a source's objects, null for a snapshot id none has", async () => {
    const users = await gw.gql<{ users: { nodes: Array<{ id: string }> } }>(
      `{ users(first: 1) { nodes { id } } }`,
      undefined,
      asReader(),
    );
    const userId = users.data!.users.nodes[0]!.id;
    const { data, errors } = await gw.gql<{ nodes: Array<{ __typename: string; id: string } | null> }>(
      `query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }`,
      { ids: [snapshotId, userId, "snap_0000000000000"] },
      asReader(),
    );
    expect(errors).toBeUndefined();
    expect(data!.nodes).toEqual([
      { __typename: "Snapshot", id: snapshotId },
      { __typename: "User", id: userId },
      null,
    ]);
  });

  it("is guarded like every read: refused to a caller without credentials, reading nothing", async () => {
    const anonymous = await gw.gql<{ node: unknown }>(NODE, { id: snapshotId });
    expect(anonymous.data?.node).toBeUndefined();
    expect(anonymous.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    const wrongKey = await gw.gql<{ node: unknown }>(
      NODE,
      { id: snapshotId },
      { authorization: "Bearer nope" },
    );
    expect(wrongKey.data?.node).toBeUndefined();
    expect(wrongKey.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("refuses an id of no known shape by its argument, naming the snapshot's among the shapes", async () => {
    const { errors } = await gw.gql(NODE, { id: "snapshot-1" }, asReader());
    expect(errors?.[0]).toMatchObject({
      message: expect.stringContaining("snap_"),
      extensions: { code: "BAD_USER_INPUT", field: "id" },
    });
  });
});
