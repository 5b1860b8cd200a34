import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { ErrorCode } from "../../model/errors.js";
import "../common/enums.js";

/** What a mutation did in one source (or for one target in it). */
export enum MutationStatus {
  CREATED = "CREATED",
  UPDATED = "UPDATED",
  DELETED = "DELETED",
  /** Nothing needed changing (already in that state). */
  UNCHANGED = "UNCHANGED",
  /** The object was there already; the result holds the existing one and nothing was created. */
  ALREADY_EXISTS = "ALREADY_EXISTS",
  /** Not done; `error` says why (input, unsupported, conflict, not found, or the source failing). */
  FAILED = "FAILED",
}

registerEnumType(MutationStatus, {
  name: "MutationStatus",
  description: "What a mutation did for one result.",
});

@ObjectType({
  simpleResolvers: true,
  description: "Why one result of a mutation failed (set exactly when its status is FAILED).",
})
export class MutationError {
  @Field(() => ErrorCode)
  code!: ErrorCode;

  @Field()
  message!: string;

  @Field(() => String, {
    nullable: true,
    description: "The input field at fault, e.g. `input.role` or `input.users[2]`.",
  })
  field!: string | null;

  @Field(() => ID, { nullable: true, description: "The source that failed or refused." })
  source!: string | null;

  @Field({ description: "Whether trying again later may succeed (the source was down or rate limiting)." })
  retryable!: boolean;
}
