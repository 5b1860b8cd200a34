import { useState } from "react";
import { RequestFailed, requestWhole } from "../graphql";
import { type Snapshot, TAKE_SNAPSHOT } from "./snapshot-queries";

/** takeSnapshot from a button: the snapshot it started (to follow; its end set by the follower), whether it is starting, and why it failed. */
export function useTakeSnapshot() {
  const [started, setStarted] = useState<Snapshot | null>(null);
  const [starting, setStarting] = useState(false);
  const [failure, setFailure] = useState<RequestFailed | null>(null);
  const take = async () => {
    setStarting(true);
    setFailure(null);
    try {
      setStarted((await requestWhole(TAKE_SNAPSHOT)).takeSnapshot);
    } catch (error) {
      setFailure(error instanceof RequestFailed ? error : new RequestFailed(String(error), 0, undefined));
    }
    setStarting(false);
  };
  return { started, setStarted, starting, failure, setFailure, take };
}
