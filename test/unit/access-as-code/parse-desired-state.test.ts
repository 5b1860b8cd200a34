/**
 * Reading a desired-state file: what a hand-written file may say, and how each mistake is named
 * (key path and line), all at once.
 */
import { describe, expect, it } from "vitest";
import {
  DesiredStateError,
  parseDesiredState,
} from "../../../src/plans/access-as-code/parse-desired-state.js";

function problemsOf(text: string): readonly string[] {
  try {
    parseDesiredState(text);
  } catch (error) {
    if (error instanceof DesiredStateError) return error.problems;
    throw error;
  }
  throw new Error("parsed without a problem");
}

describe("a desired-state file", () => {
  it("reads people, grants, memberships and exclusive entries, with defaults for what is left out", () => {
    const { file } = parseDesiredState(`
projects:
  - { source: alpha, project: Mobile, exclusive: true }
  - { source: alpha, project: Web }
people:
  - email: dana@example.com
    name: Dana Scully
    active: true
    grants: [{ source: alpha, project: Mobile, role: Lead }]
  - email: eli@example.com
`);
    expect(file.projects).toEqual([
      { source: "alpha", project: "Mobile", exclusive: true },
      { source: "alpha", project: "Web", exclusive: false },
    ]);
    expect(file.groups).toEqual([]);
    expect(file.people[1]).toEqual({
      email: "eli@example.com",
      sources: [],
      grants: [],
      groups: [],
      teams: [],
    });
  });

  it("is an empty desired state when empty", () => {
    expect(parseDesiredState("").file.people).toEqual([]);
  });

  it("names each mistake by key path and line, all at once", () => {
    expect(
      problemsOf(`people:
  - email: not-an-email
    grants:
      - { source: alpha, project: Mobile }
    groupz: []
  - email: eli@example.com
    active: maybe
`),
    ).toEqual([
      "people[0].email (line 2): must be an email address",
      "people[0].grants[0].role (line 4): Invalid input: expected string, received undefined",
      "people[0] (line 2): unknown key(s) groupz",
      "people[1].active (line 7): Invalid input: expected boolean, received string",
    ]);
  });

  it("takes a name or a first and last name, not both", () => {
    expect(problemsOf("people:\n  - email: eli@example.com\n    name: Eli Ng\n    firstName: Eli\n")).toEqual(
      ["people[0].name (line 3): give either name or firstName and lastName, not both"],
    );
  });

  it("refuses two entries for one person, whatever the case of the email", () => {
    expect(problemsOf("people:\n  - email: dana@example.com\n  - email: ' DANA@example.com'\n")).toEqual([
      "people[1].email (line 3): DANA@example.com is listed already, at people[0]: one entry per person",
    ]);
  });

  it("says where the YAML itself is broken", () => {
    const [problem] = problemsOf("people:\n  - email: dana@example.com\n   grants: [\n");
    expect(problem).toMatch(/^line 3, column \d+: not valid YAML: /);
  });

  it("refuses a key given twice", () => {
    expect(problemsOf("people: []\npeople: []\n")[0]).toMatch(/^line 2, column 1: not valid YAML: .*unique/i);
  });

  it("refuses a file that is not a mapping", () => {
    expect(problemsOf("- dana@example.com\n")).toEqual([
      "(root) (line 1): Invalid input: expected object, received array",
    ]);
  });
});
