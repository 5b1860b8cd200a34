import { describe, expect, it } from "vitest";
import { PermissionLevel } from "../../../src/model/records.js";
import { describeQacError } from "../../../src/vendors/qacomplete/connector.js";
import { formatQacDate, qacDate } from "../../../src/vendors/qacomplete/dates.js";
import { securityGroupLevel } from "../../../src/vendors/qacomplete/levels.js";
import {
  toProject,
  toProjectPermissions,
  toSecurityAdminPermission,
  toUser,
} from "../../../src/vendors/qacomplete/mapper.js";
import type { RawDept, RawProject, RawUser } from "../../../src/vendors/qacomplete/raw-types.js";
import { fixture } from "./fixtures.js";

const created = fixture<RawUser>("add-user-response.json");
const dept: RawDept = { id: 8162, dept_name: "Quality Engineering" };

/** REFERENCE §3.3's project list item: ids as strings, an unset begin date. */
const sampleProject: RawProject = {
  id: "11873",
  dept_id: "8162",
  proj_name: "Sample Project",
  dept_name: "Quality Engineering",
  actual_cost: 0,
  actual_hrs: 0,
  date_begin_actual: "00001-01-01T00:00:00.0000000",
  date_begin_scheduled: "00001-01-01T00:00:00.0000000",
};

describe("QAComplete mapper on the seed page's created user (24793 John Doe)", () => {
  it("maps every unified field the payload carries", () => {
    expect(toUser(created, "qac", dept)).toEqual({
      kind: "User",
      sourceId: "qac",
      remoteId: "24793",
      login: "john.doe@example.com",
      email: "john.doe@example.com",
      displayName: "John Doe",
      firstName: "John",
      lastName: "Doe",
      active: true,
      admin: false,
      lastLoginAt: null,
      createdAt: new Date("2016-01-01T00:00:00.000Z"),
      updatedAt: new Date("2016-01-01T00:00:00.000Z"),
      department: { remoteId: "8162", name: "Quality Engineering" },
      raw: created,
    });
  });

  it("reads the odd exact spelling is_a_d_account from the fixture as sent", () => {
    expect(created).toHaveProperty("is_a_d_account", false);
    expect(created).not.toHaveProperty("is_ad_account");
  });

  it("keeps the department id but no name when the user is filed under another department", () => {
    const elsewhere = toUser({ ...created, primary_dept_id: 9001 }, "qac", dept);
    expect(elsewhere.department).toEqual({ remoteId: "9001", name: null });
  });

  it("files a user the department's own list returned without primary_dept_id under that department", () => {
    const { primary_dept_id: _omitted, ...withoutDept } = created;
    expect(toUser(withoutDept, "qac", dept).department).toEqual({
      remoteId: "8162",
      name: "Quality Engineering",
    });
  });

  it("leaves a project member's department unknown without primary_dept_id: the project's list doesn't say", () => {
    const { primary_dept_id: _omitted, ...withoutDept } = created;
    expect(toUser(withoutDept, "qac", dept, "project").department).toBeNull();
    expect(toUser(created, "qac", dept, "project").department).toEqual({
      remoteId: "8162",
      name: "Quality Engineering",
    });
  });

  it("reads is_active false as an inactive (disabled) account", () => {
    expect(toUser({ ...created, is_active: false }, "qac", dept).active).toBe(false);
  });
});

describe("QAComplete dates (seven-digit fraction, no zone)", () => {
  it("reads them as UTC", () => {
    expect(qacDate("2016-01-01T00:00:00.0000000")).toEqual(new Date("2016-01-01T00:00:00.000Z"));
    expect(qacDate("2026-10-30T16:45:12.1234567")).toEqual(new Date("2026-10-30T16:45:12.123Z"));
    expect(qacDate("2020-02-29T23:59:59")).toEqual(new Date("2020-02-29T23:59:59.000Z"));
  });

  it("treats the 00001-01-01 sentinel, empty and malformed values as unset", () => {
    expect(qacDate("00001-01-01T00:00:00.0000000")).toBeNull();
    expect(qacDate("0001-01-01T00:00:00.0000000")).toBeNull();
    expect(qacDate("")).toBeNull();
    expect(qacDate(undefined)).toBeNull();
    expect(qacDate("2021-02-30T00:00:00.0000000")).toBeNull();
    expect(qacDate("not a date")).toBeNull();
  });

  it("writes them back in the same shape", () => {
    expect(formatQacDate(new Date("2016-01-01T00:00:00.000Z"))).toBe("2016-01-01T00:00:00.0000000");
    expect(formatQacDate(new Date("2026-10-30T16:45:12.123Z"))).toBe("2026-10-30T16:45:12.1230000");
  });
});

describe("QAComplete projects", () => {
  it("map string ids to remote ids as they are", () => {
    const project = toProject(sampleProject, "qac");
    expect(project).toMatchObject({
      kind: "Project",
      remoteId: "11873",
      name: "Sample Project",
    });
    expect(project.createdAt).toBeNull();
  });

  it("say whether they are active only when the answer does (REFERENCE's sample item has no is_active)", () => {
    expect(toProject(sampleProject, "qac").active).toBeNull();
    expect(toProject({ ...sampleProject, is_active: true }, "qac").active).toBe(true);
    expect(toProject({ ...sampleProject, is_active: false }, "qac").active).toBe(false);
  });

  it("accept a numeric id as well", () => {
    expect(toProject({ ...sampleProject, id: 11873 }, "qac").remoteId).toBe("11873");
  });
});

describe("QAComplete security groups as permissions", () => {
  const projects = new Map([["11873", toProject(sampleProject, "qac")]]);

  it("turns each (project, group) of a user into a project permission with the group as role", () => {
    const [permission] = toProjectPermissions(
      [{ proj_id: 11873, proj_name: "Sample Project", group_name: "Testers" }],
      "24793",
      "qac",
      projects,
    );
    expect(permission).toMatchObject({
      kind: "Permission",
      userId: "24793",
      projectId: "11873",
      role: "Testers",
      level: PermissionLevel.EXECUTE,
      remoteId: "24793~11873~Testers",
    });
    expect(permission?.project?.name).toBe("Sample Project");
  });

  it("makes a membership without a group name UNKNOWN with a null role, never a guessed group", () => {
    for (const group_name of [undefined, null, "", "  "]) {
      const [permission] = toProjectPermissions([{ proj_id: 11873, group_name }], "24793", "qac", projects);
      expect(permission, String(group_name)).toMatchObject({
        projectId: "11873",
        role: null,
        level: PermissionLevel.UNKNOWN,
        remoteId: "24793~11873~?",
      });
    }
  });

  it("places the known groups on the scale and anything else on CUSTOM", () => {
    expect(securityGroupLevel("Security Administrator")).toBe(PermissionLevel.MANAGE);
    expect(securityGroupLevel("Developers")).toBe(PermissionLevel.EDIT);
    expect(securityGroupLevel("testers")).toBe(PermissionLevel.EXECUTE);
    expect(securityGroupLevel("Read Only")).toBe(PermissionLevel.VIEW);
    expect(securityGroupLevel("Release Managers")).toBe(PermissionLevel.CUSTOM);
  });

  it("makes is_security_admin an instance-wide ADMIN permission, and nothing for others", () => {
    const admin = toUser({ ...created, is_security_admin: true }, "qac", dept);
    expect(toSecurityAdminPermission(admin)).toMatchObject({
      projectId: null,
      role: "Security Administrator",
      level: PermissionLevel.ADMIN,
      userId: "24793",
    });
    expect(toSecurityAdminPermission(toUser(created, "qac", dept))).toBeNull();
  });
});

describe("QAComplete error bodies", () => {
  it("reads the ASP.NET Message, or a plain-text body", () => {
    expect(describeQacError({ Message: "User 5 was not found." })).toBe("User 5 was not found.");
    expect(describeQacError("Invalid filter")).toBe("Invalid filter");
    expect(describeQacError({ error: "other" })).toBeUndefined();
    expect(describeQacError("")).toBeUndefined();
  });
});
