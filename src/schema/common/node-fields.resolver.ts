import { type ClassType, Ctx, FieldResolver, ID, Resolver, Root } from "type-graphql";
import { RequestContext } from "../../loaders/request-context.js";
import type { AnyRecord } from "../../model/records.js";
import { Source } from "../source/source.type.js";
import { sourceView } from "../source/source-view.js";
import { globalIdOf } from "./global-id.js";

/** `id` and `source`, shared by every object type built from a record: `extends NodeFields(User)`. */
export function NodeFields(objectType: ClassType) {
  @Resolver(() => objectType)
  abstract class NodeFieldsResolver {
    @FieldResolver(() => ID)
    id(@Root() record: AnyRecord): string {
      return globalIdOf(record);
    }

    @FieldResolver(() => Source, { description: "The source this object lives in." })
    source(@Root() record: AnyRecord, @Ctx() ctx: RequestContext): Source {
      return sourceView(ctx.session(record.sourceId).connector);
    }
  }
  return NodeFieldsResolver;
}
