import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import { RequestContext } from "../../loaders/request-context.js";
import { Capability } from "../../model/capabilities.js";
import { InputError } from "../../model/errors.js";
import { type GlobalId, toGlobalId } from "../common/global-id.js";
import { expectEmail, expectId, expectText } from "./global-ids.js";
import { DeleteUsersInput, SetUserActiveInput, UpdateUserInput } from "./mutation.inputs.js";
import { DeletePayload, UserPayload } from "./payload.types.js";
import { MutationStatus } from "./result.types.js";
import { allSucceeded, bySource, done, failed, unsupported, writePerKey } from "./result-shape.js";

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
      [...bySource(users)].map(async ([sourceId, ids]) => {
        const session = ctx.session(sourceId);
        const setActive = session.connector.writes?.users?.setActive;
        // A user already in the state asked for is UNCHANGED and costs no write; the writer is asked
        // for the rest (a user that can't be read is left to it, to answer as it does). Where the
        // source can't make the change at all, nothing is read: the writer says why.
        const can = session.connector.capabilities.has(
          input.active ? Capability.REACTIVATE_USERS : Capability.DEACTIVATE_USERS,
        );
        const current = setActive && can ? await session.users.loadMany(ids.map((g) => g.remoteId)) : [];
        const unchanged = ids.map((_g, i) => {
          const user = current[i];
          return user && !(user instanceof Error) && user.active === input.active ? user : null;
        });
        const toWrite = ids.filter((_g, i) => unchanged[i] === null);
        const written =
          toWrite.length === 0
            ? []
            : await writePerKey({
                session,
                keys: toWrite,
                write:
                  setActive &&
                  (() =>
                    setActive(
                      toWrite.map((g) => g.remoteId),
                      input.active,
                      session,
                    )),
                unsupportedAs: input.active
                  ? { operation: "reactivateUser", what: "reactivate users" }
                  : { operation: "deactivateUser", what: "deactivate users" },
                status: MutationStatus.UPDATED,
                shape: (_g, user) => ({ user }),
                onDone: (user) => session.prime([user]),
              });
        let next = 0;
        return unchanged.map((user) =>
          user
            ? done(session, MutationStatus.UNCHANGED, { user })
            : (written[next++] as (typeof written)[number]),
        );
      }),
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
      [...bySource(users)].map(([sourceId, ids]) => {
        const session = ctx.session(sourceId);
        const remove = session.connector.writes?.users?.remove;
        return writePerKey({
          session,
          keys: ids,
          write:
            remove &&
            (() =>
              remove(
                ids.map((g) => g.remoteId),
                session,
              )),
          unsupportedAs: { operation: "deleteUsers", what: "delete users" },
          status: MutationStatus.DELETED,
          shape: (g) => ({ id: toGlobalId(g.sourceId, "User", g.remoteId) }),
        });
      }),
    );
    const results = perSource.flat();
    return { results, ok: allSucceeded(results) };
  }
}
