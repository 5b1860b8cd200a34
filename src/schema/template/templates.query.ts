import { Ctx, Query, Resolver } from "type-graphql";
import { RequestContext } from "../../loaders/request-context.js";
import { Template } from "./template.type.js";

@Resolver(() => Template)
export class TemplatesQuery {
  @Query(() => [Template], {
    description: "The onboarding templates configured (config `templates`), by name.",
  })
  templates(@Ctx() ctx: RequestContext): Template[] {
    const sourceOrder = ctx.gateway.connectors.map((c) => c.source.id);
    return Object.entries(ctx.settings.templates ?? {})
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, template]) => {
        const named = new Set(
          [...template.grants, ...template.groups, ...template.teams].map((e) => e.source),
        );
        return {
          name,
          description: template.description ?? null,
          sources: sourceOrder.filter((id) => named.has(id)),
        };
      });
  }
}
