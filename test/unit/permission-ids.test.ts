import { describe, expect, it } from "vitest";
import { parsePermissionRemoteId, permissionRemoteId } from "../../src/model/records.js";

describe("permission remote ids", () => {
  it("read back as the user, project and role they were made of", () => {
    for (const [userId, projectId, role] of [
      ["12", "7", "Tester"],
      ["12", null, "Automation Engineer"],
      ["u-1.x", "p_2", "Lead / QA (EU)"],
      ["a~b", "c~d", "QA~Lead"],
      ["12", "*", "Admin*"],
      ["ü", "%41", "50%"],
    ] as const)
      expect(parsePermissionRemoteId(permissionRemoteId(userId, projectId, role))).toEqual({
        userId,
        projectId,
        role,
      });
  });

  it("are not read from text this function did not make", () => {
    expect(parsePermissionRemoteId("12~7")).toBeNull();
    expect(parsePermissionRemoteId("12~%E0%A4%A~Tester")).toBeNull();
  });

  it("keep the form ids had before (no project is '*', spaces escaped)", () => {
    expect(permissionRemoteId("12", null, "Automation Engineer")).toBe("12~*~Automation%20Engineer");
    expect(permissionRemoteId("12", "7", "Tester")).toBe("12~7~Tester");
  });
});
