/**
 * Which audit event made which change (history/changes/audit-link.ts `explains`): the same source,
 * the account (or the group or team a grant came through), and an action that makes that kind of
 * change — the rest is made outside Rollcall.
 */
import { describe, expect, it } from "vitest";
import { type AccessChange, ChangeKind } from "../../../src/history/changes/access-change.js";
import { explains } from "../../../src/history/changes/audit-link.js";
import { PermissionLevel } from "../../../src/model/records.js";
import { StepAction } from "../../../src/plans/plan.js";
import { type AuditEvent, AuditOutcome } from "../../../src/store/store.js";

const change = (kind: ChangeKind, extra: Partial<AccessChange> = {}): AccessChange => ({
  kind,
  sourceId: "alpha",
  remoteId: "7",
  personKey: "dana@example.com",
  email: "Dana@example.com",
  displayName: "Dana",
  project: null,
  before: null,
  after: null,
  via: null,
  container: null,
  ...extra,
});

const event = (
  action: StepAction,
  target: string,
  after: unknown = null,
  message: string | null = null,
): AuditEvent => ({
  id: "1",
  at: new Date(),
  caller: "key:admin",
  operation: "op",
  planId: null,
  stepId: null,
  sourceId: "alpha",
  target,
  personKey: null,
  action,
  before: null,
  after,
  result: {
    at: new Date(),
    outcome: AuditOutcome.APPLIED,
    code: null,
    message,
    vendorStatus: null,
    settled: false,
  },
});

const user = "alpha:User:7";
const gained = (via: AccessChange["via"] = null) =>
  change(ChangeKind.PERMISSION_GAINED, {
    project: { id: "p1", name: "Mobile" },
    after: { role: "Tester", level: PermissionLevel.EXECUTE },
    via,
  });

describe("linking a change to the audit event that made it", () => {
  it("matches the account's own action on the same source, nothing else", () => {
    const off = change(ChangeKind.ACCOUNT_DEACTIVATED);
    expect(explains(event(StepAction.DEACTIVATE_ACCOUNT, user), off)).toBe(true);
    // Where a vendor's delete archives, the account is left inactive by a delete.
    expect(explains(event(StepAction.DELETE_ACCOUNT, user), off)).toBe(true);
    expect(explains(event(StepAction.REACTIVATE_ACCOUNT, user), off)).toBe(false);
    expect(explains(event(StepAction.DEACTIVATE_ACCOUNT, "alpha:User:8"), off)).toBe(false);
    expect(explains({ ...event(StepAction.DEACTIVATE_ACCOUNT, user), sourceId: "beta" }, off)).toBe(false);
  });

  it("matches a created account by the invite's email in any case, or by the id its result names", () => {
    const created = change(ChangeKind.ACCOUNT_CREATED);
    expect(explains(event(StepAction.CREATE_ACCOUNT, " dana@EXAMPLE.com"), created)).toBe(true);
    expect(
      explains(event(StepAction.CREATE_ACCOUNT, "other@example.com", null, `Created ${user}`), created),
    ).toBe(true);
    expect(explains(event(StepAction.CREATE_ACCOUNT, "other@example.com"), created)).toBe(false);
  });

  it("matches a direct grant's gain to a role assigned on that project only", () => {
    expect(
      explains(
        event(StepAction.ASSIGN_ROLE, user, { project: "alpha:Project:p1", role: "Tester" }),
        gained(),
      ),
    ).toBe(true);
    expect(
      explains(
        event(StepAction.CHANGE_ROLE, user, { project: "alpha:Project:p1", role: "Tester" }),
        gained(),
      ),
    ).toBe(true);
    expect(
      explains(
        event(StepAction.ASSIGN_ROLE, user, { project: "alpha:Project:p2", role: "Tester" }),
        gained(),
      ),
    ).toBe(false);
    expect(
      explains(event(StepAction.ADD_TO_GROUP, user, { group: "alpha:Group:g1", member: true }), gained()),
    ).toBe(false);
  });

  it("matches a grant through a group to joining that group, or to the group's own change", () => {
    const viaGroup = gained({ type: "GROUP", id: "g1", name: "QA Team" });
    expect(
      explains(event(StepAction.ADD_TO_GROUP, user, { group: "alpha:Group:g1", member: true }), viaGroup),
    ).toBe(true);
    // A group made with its members names the group by name: it had no id yet.
    expect(explains(event(StepAction.ADD_TO_GROUP, user, { group: "qa team", member: true }), viaGroup)).toBe(
      true,
    );
    expect(explains(event(StepAction.UPDATE_GROUP, "alpha:Group:g1", { grants: [] }), viaGroup)).toBe(true);
    expect(
      explains(event(StepAction.ADD_TO_GROUP, user, { group: "alpha:Group:g2", member: true }), viaGroup),
    ).toBe(false);
    expect(explains(event(StepAction.ASSIGN_ROLE, user, { project: "alpha:Project:p1" }), viaGroup)).toBe(
      false,
    );
  });

  it("matches memberships to joining or leaving that team or group, and losses to the account's deletion", () => {
    const left = change(ChangeKind.TEAM_LEFT, { container: { kind: "TEAM", id: "t1", name: "Mobile" } });
    expect(
      explains(event(StepAction.REMOVE_FROM_TEAM, user, { team: "alpha:Team:t1", member: false }), left),
    ).toBe(true);
    expect(explains(event(StepAction.DELETE_ACCOUNT, user), left)).toBe(true);
    expect(
      explains(event(StepAction.REMOVE_FROM_TEAM, user, { team: "alpha:Team:t2", member: false }), left),
    ).toBe(false);
    expect(explains(event(StepAction.ADD_TO_TEAM, user, { team: "alpha:Team:t1", member: true }), left)).toBe(
      false,
    );
    const joined = change(ChangeKind.GROUP_JOINED, {
      kind: ChangeKind.GROUP_JOINED,
      container: { kind: "GROUP", id: "g1", name: "QA" },
    });
    expect(
      explains(event(StepAction.CREATE_ACCOUNT, "dana@example.com", { groups: ["alpha:Group:g1"] }), joined),
    ).toBe(true);
    expect(
      explains(event(StepAction.CREATE_ACCOUNT, "dana@example.com", { groups: ["alpha:Group:g9"] }), joined),
    ).toBe(false);
  });
});
