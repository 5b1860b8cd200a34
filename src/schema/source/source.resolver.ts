import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import { RequestContext } from "../../loaders/request-context.js";
import { ErrorCode, SourceError } from "../../model/errors.js";
import { Source, SourceStatus } from "./source.type.js";
import { sourceView } from "./source-view.js";

@Resolver(() => Source)
export class SourceResolver {
  @Query(() => [Source], { description: "The configured sources, in config order." })
  sources(
    @Ctx() ctx: RequestContext,
    @Arg("ids", () => [ID], { nullable: true, description: "Only these sources." }) ids?: string[] | null,
  ): Source[] {
    return ctx.selectSessions(ids, "ids").map((s) => sourceView(s.connector));
  }

  @Query(() => Source, { nullable: true, description: "One configured source by id." })
  source(@Ctx() ctx: RequestContext, @Arg("id", () => ID) id: string): Source | null {
    const connector = ctx.gateway.connector(id);
    return connector ? sourceView(connector) : null;
  }

  @FieldResolver(() => SourceStatus, { description: "Reachability, checked live once per operation." })
  status(@Root() source: Source, @Ctx() ctx: RequestContext): Promise<SourceStatus> {
    const session = ctx.session(source.id);
    return session.once("probe", async () => {
      const started = performance.now();
      try {
        await session.connector.probe();
        return { reachable: true, latencyMs: round(performance.now() - started), problem: null };
      } catch (error) {
        const problem =
          error instanceof SourceError
            ? { code: error.code, message: error.message, retryAfter: error.retryAfter ?? null }
            : {
                code: ErrorCode.SOURCE_UNAVAILABLE,
                message: `Source "${source.id}" failed unexpectedly`,
                retryAfter: null,
              };
        return { reachable: false, latencyMs: round(performance.now() - started), problem };
      }
    });
  }
}

const round = (ms: number) => Math.round(ms * 10) / 10;
