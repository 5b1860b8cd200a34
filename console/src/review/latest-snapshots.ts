/** The snapshots a review reads: the latest one read (whole or in part), and the one before it. */
import { isFinished, SNAPSHOTS, type Snapshot } from "../snapshots/snapshot-queries";
import type { QueryState } from "../use-query";
import { useQuery } from "../use-query";

/** Enough to find two read snapshots among the newest, running or failed ones included. */
const LOOK_BACK = 50;

export interface ReviewPair {
  readonly latest: Snapshot | null;
  readonly previous: Snapshot | null;
}

export function useLatestSnapshots(): QueryState<ReviewPair> {
  const [state] = useQuery(SNAPSHOTS, { first: LOOK_BACK }, "latest");
  if (state.status !== "done") return state;
  const read = (state.data?.snapshots.nodes ?? []).filter(isFinished);
  return {
    status: "done",
    errors: state.errors,
    data: { latest: read[0] ?? null, previous: read[1] ?? null },
  };
}
