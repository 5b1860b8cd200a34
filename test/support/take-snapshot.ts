/** A snapshot taken through GraphQL (takeSnapshot, write key) and followed until it ends. */
import { expect } from "vitest";
import type { GatewayHarness } from "./gateway-harness.js";

export interface TakenSnapshot {
  readonly id: string;
  readonly status: string;
  readonly finishedAt: string | null;
}

export async function takeSnapshotThroughApi(gw: GatewayHarness): Promise<TakenSnapshot> {
  const taken = await gw.mutate<{ takeSnapshot: { id: string } }>(`mutation { takeSnapshot { id } }`);
  expect(taken.errors).toBeUndefined();
  const id = taken.data!.takeSnapshot.id;
  for (;;) {
    const { data, errors } = await gw.gql<{ snapshot: TakenSnapshot }>(
      `query($id: ID!) { snapshot(id: $id) { id status finishedAt } }`,
      { id },
      { authorization: `Bearer ${gw.keys.read}` },
    );
    expect(errors).toBeUndefined();
    if (data!.snapshot.status !== "RUNNING") return data!.snapshot;
    await new Promise((r) => setTimeout(r, 50));
  }
}
