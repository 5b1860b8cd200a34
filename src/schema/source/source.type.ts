import { Field, Float, Int, ObjectType } from "type-graphql";
import { Capability } from "../../model/capabilities.js";
import { ErrorCode } from "../../model/errors.js";
import { SourceKind } from "../common/enums.js";

@ObjectType({ simpleResolvers: true, description: "Why a source could not be reached." })
export class SourceProblem {
  @Field(() => ErrorCode)
  code!: ErrorCode;

  @Field()
  message!: string;

  @Field(() => Int, {
    nullable: true,
    description:
      "Seconds before the source is worth asking again, when known: the vendor's Retry-After, or how long Rollcall's circuit breaker still holds it.",
  })
  retryAfter!: number | null;
}

@ObjectType({
  simpleResolvers: true,
  description: "A live check of one source (one cheap authenticated call, once per operation).",
})
export class SourceStatus {
  @Field()
  reachable!: boolean;

  @Field(() => Float, { nullable: true, description: "How long the check took." })
  latencyMs!: number | null;

  @Field(() => SourceProblem, { nullable: true })
  problem!: SourceProblem | null;
}

@ObjectType({
  simpleResolvers: true,
  description: "A configured vendor instance. Credentials are never exposed.",
})
export class Source {
  @Field({ description: "The id from config; the first part of every global ID from this source." })
  id!: string;

  @Field(() => SourceKind)
  kind!: string;

  @Field({ description: "The vendor product, as its maker names it." })
  vendor!: string;

  @Field({ description: "The display name from config, else the product name." })
  name!: string;

  @Field()
  baseUrl!: string;

  @Field(() => [Capability])
  capabilities!: Capability[];
}
