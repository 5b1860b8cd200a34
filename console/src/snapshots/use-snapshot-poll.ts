/**
 * A running snapshot, read again about every second until it ends: `takeSnapshot` answers at once
 * and the sources are read in the background, so the page follows `snapshot(id:)`.
 */
import { useEffect, useState } from "react";
import { RequestFailed, requestWhole } from "../graphql";
import { SNAPSHOT, type Snapshot } from "./snapshot-queries";

export const POLL_MS = 1000;

export type Polled =
  | { readonly status: "watching"; readonly snapshot: Snapshot }
  | { readonly status: "gone"; readonly id: string }
  | { readonly status: "failed"; readonly snapshot: Snapshot; readonly error: RequestFailed };

export function useSnapshotPoll(start: Snapshot, onEnd: (snapshot: Snapshot) => void): Polled {
  const [polled, setPolled] = useState<Polled>({ status: "watching", snapshot: start });
  // biome-ignore lint/correctness/useExhaustiveDependencies: one poll per snapshot id; onEnd is read when it ends
  useEffect(() => {
    setPolled({ status: "watching", snapshot: start });
    if (start.status !== "RUNNING") return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      try {
        const { snapshot } = await requestWhole(SNAPSHOT, { id: start.id });
        if (stopped) return;
        if (!snapshot) {
          setPolled({ status: "gone", id: start.id });
          return;
        }
        setPolled({ status: "watching", snapshot });
        if (snapshot.status === "RUNNING") timer = setTimeout(tick, POLL_MS);
        else onEnd(snapshot);
      } catch (error) {
        if (stopped) return;
        // A failed read is said, and the snapshot is not presumed over: the next tick asks again.
        setPolled((p) => ({
          status: "failed",
          snapshot: p.status === "gone" ? start : p.snapshot,
          error: error instanceof RequestFailed ? error : new RequestFailed(String(error), 0, undefined),
        }));
        timer = setTimeout(tick, POLL_MS * 3);
      }
    };
    timer = setTimeout(tick, POLL_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [start.id]);
  return polled;
}
