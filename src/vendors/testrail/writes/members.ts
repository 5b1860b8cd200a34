import { InputError, isNotFound } from "../../../model/errors.js";
import type { RequestScope } from "../../connector.js";

/**
 * Checks that every user id names a user of the source before they go into a write: TestRail
 * refuses a whole add_group/update_group for one bad id ("400 bad user id", REFERENCE §5.2), so
 * the caller hears which one, by its input position (`input.members[2]`). One batched load.
 */
export async function checkUsers(
  scope: RequestScope,
  userIds: readonly string[],
  field: string,
  sourceId: string,
): Promise<number[]> {
  const loaded = await scope.loadUsers(userIds);
  loaded.forEach((user, i) => {
    if (!(user instanceof Error)) return;
    if (isNotFound(user))
      throw new InputError(`User ${userIds[i]} does not exist in source "${sourceId}"`, `${field}[${i}]`);
    throw user;
  });
  return [...new Set(userIds.map(Number))];
}
