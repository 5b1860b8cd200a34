import { Field, InputType } from "type-graphql";
import { InputError } from "../../model/errors.js";
import type { NameFilter } from "../../model/filters.js";

@InputType({ description: "Narrows a team, project or group list." })
export class NameFilterInput {
  @Field(() => String, { nullable: true, description: "Case-insensitive substring of the name." })
  nameContains?: string | null;

  @Field(() => Boolean, { nullable: true, description: "Include archived objects." })
  includeArchived?: boolean | null;
}

export function toNameFilter(input: NameFilterInput | null | undefined): NameFilter {
  return {
    nameContains: input?.nameContains ?? undefined,
    includeArchived: input?.includeArchived ?? undefined,
  };
}

/** `first` within [0, max]; the error names the argument. */
export function checkFirst(first: number, max: number): number {
  if (!Number.isInteger(first) || first < 0) throw new InputError("`first` must be zero or more", "first");
  if (first > max)
    throw new InputError(`\`first\` must be at most ${max} (the server's maxPageSize)`, "first");
  return first;
}
