import { Ctx, Query, Resolver } from "type-graphql";
import { RequestContext } from "../../loaders/request-context.js";
import { type CallerKind, type CallerScope, Viewer } from "./viewer.type.js";

@Resolver(() => Viewer)
export class ViewerQuery {
  @Query(() => Viewer, { description: "Who is asking: the caller this operation runs for, and its scopes." })
  viewer(@Ctx() ctx: RequestContext): Viewer {
    const { caller } = ctx;
    return {
      kind: (caller?.kind ?? null) as CallerKind | null,
      name: caller ? (caller.kind === "api-key" ? caller.keyName : caller.subject) : null,
      issuer: caller?.kind === "token" ? caller.issuer : null,
      scopes: (caller?.scopes ?? []) as CallerScope[],
    };
  }
}
