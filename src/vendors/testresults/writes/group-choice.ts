import { InputError } from "../../../model/errors.js";
import type { GroupRecord } from "../../../model/records.js";
import { type Groups, key } from "../directory.js";
import type { WriteContext } from "./context.js";

/** Groups a user can be put in: archived (soft-deleted) ones are gone for new members. */
const live = (groups: Groups) => groups.customer.groups.filter((g) => !g.archived);

/** A group given by id, checked against the customer's groups. */
export function groupById(ctx: WriteContext, groups: Groups, id: string, field: string): GroupRecord {
  const group = groups.byId.get(key(id));
  if (!group) throw new InputError(`Group ${id} is not a user group of source "${ctx.sourceId}"`, field);
  if (group.archived)
    throw new InputError(`Group "${group.name}" of source "${ctx.sourceId}" is archived`, field);
  return group;
}

/** A group given by name (the unified `globalRole`: a user's group is its instance-wide role). */
export function groupNamed(ctx: WriteContext, groups: Groups, name: string, field: string): GroupRecord {
  const wanted = name.trim().toLowerCase();
  const candidates = live(groups);
  const group = candidates.find((g) => g.name.toLowerCase() === wanted);
  if (!group)
    throw new InputError(
      `"${name}" is not a user group of source "${ctx.sourceId}" (one of: ${candidates.map((g) => g.name).join(", ")})`,
      field,
    );
  return group;
}

/** Another live group of that name, which a create or rename would duplicate. */
export function sameName(groups: Groups, name: string, except?: string): GroupRecord | undefined {
  const wanted = name.trim().toLowerCase();
  return live(groups).find(
    (g) => g.name.toLowerCase() === wanted && (except === undefined || key(g.remoteId) !== key(except)),
  );
}
