import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import { RequestContext } from "../../loaders/request-context.js";
import { InputError } from "../../model/errors.js";
import { inviteIn } from "./account-writes.js";
import { expectEmail, expectId, expectText } from "./global-ids.js";
import { InviteUserInput } from "./mutation.inputs.js";
import { UserPayload } from "./payload.types.js";
import { allSucceeded } from "./result-shape.js";

@Resolver()
export class InviteUserMutation {
  @Mutation(() => UserPayload, {
    description:
      "Create an account on one, several or all sources that can invite. Running it twice creates nothing new: an existing email answers ALREADY_EXISTS with the existing user.",
  })
  async inviteUser(@Arg("input", () => InviteUserInput) input: InviteUserInput, @Ctx() ctx: RequestContext) {
    // Everything the gateway can check is checked before any vendor is called.
    const person = {
      email: expectEmail(input.email, "input.email"),
      firstName: expectText(input.firstName, "input.firstName", { required: true, max: 100 }) as string,
      lastName: expectText(input.lastName, "input.lastName", { required: true, max: 100 }) as string,
      login: expectText(input.login, "input.login", { required: false, max: 100 }),
      password: input.password ?? undefined,
      globalRole: expectText(input.globalRole, "input.globalRole", { required: false }),
    };
    if (person.password !== undefined && person.password.length < 6)
      throw new InputError("`input.password` must be at least 6 characters", "input.password");
    const explicit = input.sources != null;
    const sessions = ctx
      .selectSessions(input.sources, "input.sources")
      .filter((s) => explicit || s.connector.writes?.users !== undefined);
    if (sessions.length === 0) throw new InputError("No source can invite users", "input.sources");
    const groups = (input.groups ?? []).map((id, i) => expectId(ctx, id, "Group", `input.groups[${i}]`));
    groups.forEach((g, i) => {
      if (!sessions.some((s) => s.sourceId === g.sourceId))
        throw new InputError(
          `Group "${input.groups?.[i]}" is in source "${g.sourceId}", which this invite does not target`,
          `input.groups[${i}]`,
        );
    });

    const results = await Promise.all(
      sessions.map((session) => {
        const groupIds = groups.filter((g) => g.sourceId === session.sourceId).map((g) => g.remoteId);
        return inviteIn(session, { ...person, groupIds });
      }),
    );
    return { results, ok: allSucceeded(results) };
  }
}
