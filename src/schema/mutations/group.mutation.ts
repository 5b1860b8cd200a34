import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import { RequestContext } from "../../loaders/request-context.js";
import { InputError } from "../../model/errors.js";
import type { GroupRecord } from "../../model/records.js";
import { toGlobalId } from "../common/global-id.js";
import { expectId, expectIdsIn, expectText } from "./global-ids.js";
import { changeGroupMembersIn, type GroupResultShape, groupResult } from "./membership-writes.js";
import {
  CreateGroupInput,
  DeleteGroupInput,
  GroupMembersInput,
  UpdateGroupInput,
} from "./mutation.inputs.js";
import { DeletePayload, GroupPayload } from "./payload.types.js";
import { MutationStatus } from "./result.types.js";
import { allSucceeded, done, failed, unsupported } from "./result-shape.js";

/** A create or update: it did what its mutation says. */
const as = (status: MutationStatus) => async (pending: Promise<GroupRecord>) => ({
  status,
  group: await pending,
});

/** A group write's single result, as every group mutation answers. */
async function single(pending: Promise<GroupResultShape>) {
  const result = await pending;
  return { results: [result], ok: allSucceeded([result]) };
}

const grantsOf = (grants: string[] | null | undefined, field: string) =>
  grants?.map((g, i) => expectText(g, `${field}[${i}]`, { required: true }) as string);

@Resolver()
export class GroupMutation {
  @Mutation(() => GroupPayload, {
    description: "Create a user group, where the source manages groups (capability MANAGE_GROUPS).",
  })
  createGroup(@Arg("input", () => CreateGroupInput) input: CreateGroupInput, @Ctx() ctx: RequestContext) {
    const session = ctx.session(input.source, "input.source");
    const name = expectText(input.name, "input.name", { required: true, max: 250 }) as string;
    const members = input.members
      ? expectIdsIn(ctx, input.members, "User", "input.members", session.sourceId)
      : [];
    return single(
      groupResult(session, (w) =>
        as(MutationStatus.CREATED)(
          w.create(
            {
              name,
              description: expectText(input.description, "input.description", { required: false }),
              grants: grantsOf(input.grants, "input.grants"),
              userIds: members.map((m) => m.remoteId),
            },
            session,
          ),
        ),
      ),
    );
  }

  @Mutation(() => GroupPayload, {
    description: "Rename a group or change what it grants; a stale `version` is a CONFLICT.",
  })
  updateGroup(@Arg("input", () => UpdateGroupInput) input: UpdateGroupInput, @Ctx() ctx: RequestContext) {
    const group = expectId(ctx, input.group, "Group", "input.group");
    const changes = {
      name: expectText(input.name, "input.name", { required: false, max: 250 }),
      description: input.description ?? undefined,
      grants: grantsOf(input.grants, "input.grants"),
      version: input.version ?? undefined,
    };
    if (changes.name === undefined && changes.description === undefined && changes.grants === undefined)
      throw new InputError("Nothing to change: give a name, description or grants", "input");
    const session = ctx.session(group.sourceId);
    return single(
      groupResult(session, (w) => as(MutationStatus.UPDATED)(w.update(group.remoteId, changes, session))),
    );
  }

  @Mutation(() => GroupPayload, {
    description:
      "Add users to a group. Where a vendor replaces a group's member list on update, Rollcall reads, merges and writes it.",
  })
  addUsersToGroup(
    @Arg("input", () => GroupMembersInput) input: GroupMembersInput,
    @Ctx() ctx: RequestContext,
  ) {
    const group = expectId(ctx, input.group, "Group", "input.group");
    const users = expectIdsIn(ctx, input.users, "User", "input.users", group.sourceId);
    return single(
      changeGroupMembersIn(
        ctx.session(group.sourceId),
        group.remoteId,
        users.map((u) => u.remoteId),
        "add",
      ),
    );
  }

  @Mutation(() => GroupPayload, { description: "Take users out of a group." })
  removeUsersFromGroup(
    @Arg("input", () => GroupMembersInput) input: GroupMembersInput,
    @Ctx() ctx: RequestContext,
  ) {
    const group = expectId(ctx, input.group, "Group", "input.group");
    const users = expectIdsIn(ctx, input.users, "User", "input.users", group.sourceId);
    return single(
      changeGroupMembersIn(
        ctx.session(group.sourceId),
        group.remoteId,
        users.map((u) => u.remoteId),
        "remove",
      ),
    );
  }

  @Mutation(() => DeletePayload, { description: "Delete a group (its members keep their accounts)." })
  async deleteGroup(
    @Arg("input", () => DeleteGroupInput) input: DeleteGroupInput,
    @Ctx() ctx: RequestContext,
  ) {
    const group = expectId(ctx, input.group, "Group", "input.group");
    const session = ctx.session(group.sourceId);
    const id = toGlobalId(group.sourceId, "Group", group.remoteId);
    const writer = session.connector.writes?.groups;
    const result = await (async () => {
      if (!writer) return unsupported(session, "groups", "delete groups", { id });
      try {
        await writer.remove(group.remoteId, session);
        session.clear();
        return done(session, MutationStatus.DELETED, { id });
      } catch (error) {
        session.clear();
        return failed(session, error, { id });
      }
    })();
    return { results: [result], ok: allSucceeded([result]) };
  }
}
