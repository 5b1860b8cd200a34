import { Field, ObjectType, registerEnumType } from "type-graphql";

export enum CallerKind {
  API_KEY = "api-key",
  TOKEN = "token",
}

export enum CallerScope {
  READ = "read",
  WRITE = "write",
  ADMIN = "admin",
}

registerEnumType(CallerKind, {
  name: "CallerKind",
  description:
    "How a caller proved who it is: one of Rollcall's API keys, or a token from the identity provider.",
});
registerEnumType(CallerScope, {
  name: "CallerScope",
  description: "What a caller may do; each includes the ones before it (WRITE can read).",
});

@ObjectType({
  simpleResolvers: true,
  description:
    "Who this operation runs for, so an app can tell a person what they may do. Null fields for an anonymous caller.",
})
export class Viewer {
  @Field(() => CallerKind, { nullable: true })
  kind!: CallerKind | null;

  @Field(() => String, { nullable: true, description: "The API key's name, or the token's subject (`sub`)." })
  name!: string | null;

  @Field(() => String, { nullable: true, description: "The token's issuer (`iss`); null for an API key." })
  issuer!: string | null;

  @Field(() => [CallerScope], {
    description: "Empty for an anonymous caller (who may read where anonymous reads are on).",
  })
  scopes!: CallerScope[];
}
