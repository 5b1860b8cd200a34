import { describe, expect, it } from "vitest";
import { idsIn, quote, userFilterExpression } from "../../../src/vendors/qacomplete/pushdown.js";
import { compileFilter, FilterError } from "../../../src/vendors/qacomplete/simulator/filter.js";
import { USER_FILTER_FIELDS } from "../../../src/vendors/qacomplete/simulator/routes.js";

const ada = {
  id: 30000,
  first_name: "Ada",
  middle_name: null,
  last_name: "Lovelace",
  email: "ada.lovelace@example.com",
  is_active: true,
  primary_dept_id: 8162,
  date_created: "2023-01-02T09:00:00.0000000",
};
const grace = {
  ...ada,
  id: 30001,
  first_name: "Grace",
  last_name: "O'Hara",
  email: "g@example.com",
  is_active: false,
};

const matches = (expression: string) =>
  [ada, grace].filter(compileFilter(expression, USER_FILTER_FIELDS)).map((u) => u.id);

describe("the simulator's Filter= language (…/reference/filters.html subset)", () => {
  it("compares with = and != on strings, ignoring case", () => {
    expect(matches("Email = 'ADA.LOVELACE@example.com'")).toEqual([30000]);
    expect(matches("Email != 'ada.lovelace@example.com'")).toEqual([30001]);
  });

  it("finds substrings with ~", () => {
    expect(matches("LastName ~ 'love'")).toEqual([30000]);
    expect(matches("FirstName ~ 'A'")).toEqual([30000, 30001]);
  });

  it("reads doubled quotes inside a string literal", () => {
    expect(matches("LastName = 'O''Hara'")).toEqual([30001]);
  });

  it("matches numeric lists with in {…} and not in {…}", () => {
    expect(matches("Id in {30001,5,30000}")).toEqual([30000, 30001]);
    expect(matches("Id in {30001}")).toEqual([30001]);
    expect(matches("Id not in {30001}")).toEqual([30000]);
  });

  it("tests emptiness with is empty / is not empty", () => {
    expect(matches("MiddleName is empty")).toEqual([30000, 30001]);
    expect(matches("Email is not empty")).toEqual([30000, 30001]);
  });

  it("compares booleans, numbers and dates", () => {
    expect(matches("IsActive = true")).toEqual([30000]);
    expect(matches("IsActive = false")).toEqual([30001]);
    expect(matches("Id > 30000")).toEqual([30001]);
    expect(matches("DateCreated >= '2023-01-01'")).toEqual([30000, 30001]);
  });

  it("combines with AND, OR, NOT and parentheses (NOT binds tighter than AND, AND than OR)", () => {
    expect(matches("(FirstName ~ 'ada' OR LastName ~ 'ada') AND (IsActive = true)")).toEqual([30000]);
    expect(matches("IsActive = false OR FirstName = 'Ada' AND LastName = 'nobody'")).toEqual([30001]);
    expect(matches("NOT (Id = 30000)")).toEqual([30001]);
    expect(matches("NOT IsActive = true AND Id > 1")).toEqual([30001]);
  });

  it("takes field names and keywords only as filters.html spells them (refused on purpose otherwise)", () => {
    for (const other of [
      "email = 'g@example.com'",
      "Email = 'g@example.com' and IsActive = false",
      "IsActive = FALSE",
      "not IsActive = true",
      "Id IN {1}",
      "MiddleName IS EMPTY",
    ])
      expect(() => compileFilter(other, USER_FILTER_FIELDS), other).toThrow(FilterError);
  });

  it("rejects what it can't parse or type-check", () => {
    for (const bad of [
      "Email = 'unterminated",
      "Email ~",
      "Nickname = 'x'",
      "Id = 'abc'",
      "IsActive ~ 'tr'",
      "Id in {1,2",
      "(Id = 1",
      "Id = 1 Email = 'x'",
      "Email is 5",
      "Id # 3",
    ]) {
      expect(() => compileFilter(bad, USER_FILTER_FIELDS), bad).toThrow(FilterError);
    }
  });
});

describe("Rollcall user filters as Filter= expressions", () => {
  it("quotes strings QAComplete's way and lists ids with in {…}", () => {
    expect(quote("o'hara")).toBe("'o''hara'");
    expect(idsIn(["1", "22", "333"])).toBe("Id in {1,22,333}");
  });

  it("pushes email and active down exactly", () => {
    expect(userFilterExpression({ email: "a@b.c", active: true })).toEqual({
      expression: "(Email = 'a@b.c') AND (IsActive = true)",
      exact: true,
    });
    expect(userFilterExpression({})).toEqual({ expression: undefined, exact: true });
  });

  it("pushes a one-word name down exactly as FirstName ~ OR LastName ~", () => {
    expect(userFilterExpression({ nameContains: "love" })).toEqual({
      expression: "(FirstName ~ 'love' OR LastName ~ 'love')",
      exact: true,
    });
  });

  it("pushes a name spanning the space down as a superset, marked inexact", () => {
    const { expression, exact } = userFilterExpression({ nameContains: "da lov" });
    expect(expression).toBe(
      "(FirstName ~ 'da' OR LastName ~ 'da') AND (FirstName ~ 'lov' OR LastName ~ 'lov')",
    );
    expect(exact).toBe(false);
    expect(matches(expression as string)).toEqual([30000]);
  });

  it("pushes a login down as Email = but leaves the case-sensitive check to the connector", () => {
    expect(userFilterExpression({ login: "Ada@x.y" })).toEqual({
      expression: "Email = 'Ada@x.y'",
      exact: false,
    });
  });

  it("writes expressions the simulator's parser accepts", () => {
    const { expression } = userFilterExpression({ email: "x'y@z", nameContains: "a b", active: false });
    expect(() => compileFilter(expression as string, USER_FILTER_FIELDS)).not.toThrow();
  });
});
