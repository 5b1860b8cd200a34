import type { TestResultsSimulator } from "../../../src/vendors/testresults/simulator/index.js";
import { type StoredUser, simGuid } from "../../../src/vendors/testresults/simulator/state.js";

/** The generated groups' ids (seed order: Test Engineer, Developer, Stakeholder, Suspended, Legacy QA). */
export const TEST_ENGINEER_ID = simGuid(2, 1);
export const DEVELOPER_ID = simGuid(2, 2);
export const STAKEHOLDER_ID = simGuid(2, 3);
export const LEGACY_QA_ID = simGuid(2, 5);

/** Live (not archived) accounts of one group, as the simulator holds them. */
export function liveMembers(sim: TestResultsSimulator, groupId: string): StoredUser[] {
  return [...(sim.state.members.get(groupId.toLowerCase()) ?? [])]
    .map((id) => sim.state.users.get(id) as StoredUser)
    .filter((u) => !u.Archived);
}

/** The stored account of an id. */
export function stored(sim: TestResultsSimulator, id: string): StoredUser {
  const user = sim.state.users.get(id.toLowerCase());
  if (!user) throw new Error(`no user ${id} in the simulator`);
  return user;
}

/** "METHOD path" of every request the simulator saw since its log was cleared. */
export function requests(sim: TestResultsSimulator): string[] {
  return sim.log.list().map((e) => `${e.method} ${e.path}`);
}
