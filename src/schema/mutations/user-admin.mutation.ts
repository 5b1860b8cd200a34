import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import { RequestContext } from "../../loaders/request-context.js";
import { InputError } from "../../model/errors.js";
import { type GlobalId, toGlobalId } from "../common/global-id.js";
import { deleteIn, setActiveIn } from "./account-writes.js";
import { expectEmail, expectId, expectText } from "./global-ids.js";
import { DeleteUsersInput, SetUserActiveInput, UpdateUserInput } from "./mutation.inputs.js";
import { DeletePayload, UserPayload } from "./payload.types.js";
import { MutationStatus } from "./result.types.js";
import { allSucceeded, bySource, done, failed, unsupported } from "./result-shape.js";

/** The users named, each once (a repeated id would otherwise be written twice). */
function distinctUsers(ctx: RequestContext, ids: readonly string[], field: string): GlobalId[] {
  if (ids.length === 0) throw new InputError(`\`${field}\` must name at least one user`, field);
  const byKey = new Map<string, GlobalId>();
  ids.forEach((id, i) => {
    const gid = expectId(ctx, id, "User", `${field}[${i}]`);
    byKey.set(toGlobalId(gid.sourceId, "User", gid.remoteId), gid);
  });
  return [...byKey.values()];
}

@Resolver()
export class UserAdminMutation {
  @Mutation(() => UserPayload, { description: "Change a user's names, email, login or instance-wide role." })
  async updateUser(@Arg("input", () => UpdateUserInput) input: UpdateUserInput, @Ctx() ctx: RequestContext) {
    const user = expectId(ctx, input.user, "User", "input.user");
    const changes = {
      email: input.email == null ? undefined : expectEmail(input.email, "input.email"),
      firstName: expectText(input.firstName, "input.firstName", { required: false, max: 100 }),
      lastName: expectText(input.lastName, "input.lastName", { required: false, max: 100 }),
      login: expectText(input.login, "input.login", { required: false, max: 100 }),
      globalRole: expectText(input.globalRole, "input.globalRole", { required: false }),
      version: input.version ?? undefined,
    };
    if (Object.entries(changes).every(([k, v]) => k === "version" || v === undefined))
      throw new InputError("Nothing to change: give at least one field", "input");
    const session = ctx.session(user.sourceId);
    const writer = session.connector.writes?.users;
    const result = await (async () => {
      if (!writer?.update) return unsupported(session, "updateUser", "update users", { user: null });
      try {
        const updated = await writer.update(user.remoteId, changes, session);
        session.clear();
        session.prime([updated]);
        return done(session, MutationStatus.UPDATED, { user: updated });
      } catch (error) {
        session.clear();
        return failed(session, error, { user: null });
      }
    })();
    return { results: [result], ok: allSucceeded([result]) };
  }

  @Mutation(() => UserPayload, {
    description:
      "Deactivate (offboard) or reactivate accounts in any sources at once; one result per account. Nothing is deleted.",
  })
  async setUserActive(
    @Arg("input", () => SetUserActiveInput) input: SetUserActiveInput,
    @Ctx() ctx: RequestContext,
  ) {
    const users = distinctUsers(ctx, input.users, "input.users");
    const perSource = await Promise.all(
      [...bySource(users)].map(([sourceId, ids]) =>
        setActiveIn(
          ctx.session(sourceId),
          ids.map((g) => g.remoteId),
          input.active,
        ),
      ),
    );
    const results = perSource.flat();
    return { results, ok: allSucceeded(results) };
  }

  @Mutation(() => DeletePayload, {
    description:
      "Delete accounts for good where the vendor deletes (capability DELETE_USERS); elsewhere UNSUPPORTED_BY_SOURCE — use setUserActive.",
  })
  async deleteUsers(
    @Arg("input", () => DeleteUsersInput) input: DeleteUsersInput,
    @Ctx() ctx: RequestContext,
  ) {
    const users = distinctUsers(ctx, input.users, "input.users");
    const perSource = await Promise.all(
      [...bySource(users)].map(([sourceId, ids]) =>
        deleteIn(
          ctx.session(sourceId),
          ids.map((g) => g.remoteId),
        ),
      ),
    );
    const results = perSource.flat();
    return { results, ok: allSucceeded(results) };
  }
}
