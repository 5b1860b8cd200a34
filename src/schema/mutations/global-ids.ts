import type { RequestContext } from "../../loaders/request-context.js";
import { InputError } from "../../model/errors.js";
import type { EntityKind } from "../../model/records.js";
import { fromGlobalId, type GlobalId } from "../common/global-id.js";

/** Parse a global id of the expected type from a mutation input, naming the field when it isn't one. */
export function expectId(ctx: RequestContext, id: string, type: EntityKind, field: string): GlobalId {
  const gid = fromGlobalId(id);
  if (!gid) throw new InputError(`"${id}" is not a Rollcall global ID`, field);
  if (gid.type !== type) throw new InputError(`"${id}" is a ${gid.type}, not a ${type}`, field);
  if (!ctx.gateway.connector(gid.sourceId))
    throw new InputError(`"${id}" names an unknown source "${gid.sourceId}"`, field);
  return gid;
}

/** Several ids that must all live in one source (the source of `anchor`). */
export function expectIdsIn(
  ctx: RequestContext,
  ids: readonly string[],
  type: EntityKind,
  field: string,
  sourceId: string,
): GlobalId[] {
  if (ids.length === 0) throw new InputError(`\`${field}\` must name at least one ${type}`, field);
  return ids.map((id, i) => {
    const gid = expectId(ctx, id, type, `${field}[${i}]`);
    if (gid.sourceId !== sourceId)
      throw new InputError(
        `"${id}" is in source "${gid.sourceId}", but this operation is on source "${sourceId}"`,
        `${field}[${i}]`,
      );
    return gid;
  });
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function expectEmail(value: string, field: string): string {
  const email = value.trim();
  if (!EMAIL.test(email)) throw new InputError(`"${value}" is not an email address`, field);
  return email;
}

export function expectText(
  value: string | null | undefined,
  field: string,
  options: { required: boolean; max?: number },
): string | undefined {
  if (value === null || value === undefined) {
    if (options.required) throw new InputError(`\`${field}\` is required`, field);
    return undefined;
  }
  const text = value.trim();
  if (text === "") throw new InputError(`\`${field}\` must not be empty`, field);
  if (options.max && text.length > options.max)
    throw new InputError(`\`${field}\` must be at most ${options.max} characters`, field);
  return text;
}
