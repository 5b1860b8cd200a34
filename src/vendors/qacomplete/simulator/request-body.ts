import type { SimHandler, SimRequest, SimResponse } from "../../../simulator/router.js";

/**
 * Reading QAComplete request bodies [I]: every rejected property is reported at once in ASP.NET's
 * `ModelState`, keyed `<parameter>.<Property>`. Stricter than ASP.NET on purpose: its JSON binds
 * members in any case and ignores members the request type doesn't have (so the real server is
 * thought to drop a `Password` or an `IsActive` silently), but the docs show only the request
 * type's members, in PascalCase. The simulator refuses any other member, as JSON.NET does with
 * MissingMemberHandling.Error, so a misspelt or invented member we send shows in tests.
 */

/** Every problem with one request body; answered as 400 by `validated`. */
export class InvalidRequest extends Error {
  constructor(readonly modelState: Record<string, string[]>) {
    super("The request is invalid.");
  }
}

/** The ASP.NET Web API answer to a request that failed validation [I]: 400 with the ModelState. */
export function invalidRequest(modelState: Record<string, string[]>): SimResponse {
  return { status: 400, body: { Message: "The request is invalid.", ModelState: modelState } };
}

/** Runs a write route, answering its validation failures with 400 and the ModelState body. */
export function validated(handler: SimHandler): SimHandler {
  return async (request: SimRequest): Promise<SimResponse> => {
    try {
      return await handler(request);
    } catch (error) {
      if (error instanceof InvalidRequest) return invalidRequest(error.modelState);
      throw error;
    }
  };
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

type Json = Record<string, unknown>;

/** A JSON property by its exact name; undefined when absent or `value` is no object. */
export function pick(value: unknown, property: string): unknown {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return undefined;
  return Object.hasOwn(value, property) ? (value as Json)[property] : undefined;
}

/** The members of `value` its request type doesn't have, exactly as documented (case included). */
export function strangers(value: unknown, members: readonly string[]): string[] {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return [];
  return Object.keys(value).filter((key) => !members.includes(key));
}

/** JSON.NET's words for a member a type doesn't have (MissingMemberHandling.Error). */
export const noSuchMember = (member: string, type: string) =>
  `Could not find member '${member}' on object of type '${type}'. Path '${member}'.`;

/** Collects the problems of one body; `done()` throws them all, or returns when there are none. */
export class BodyReader {
  private readonly errors: Record<string, string[]> = {};
  private readonly body: Json;
  private missing = false;

  /**
   * `parameter` is the action parameter's name, ASP.NET's prefix for ModelState keys; `type` and
   * `members` are its documented request type and that type's members.
   */
  constructor(
    raw: unknown,
    private readonly parameter: string,
    type: string,
    members: readonly string[],
  ) {
    if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
      this.body = {};
      this.fail("", `The ${parameter} field is required.`);
      this.missing = true;
    } else {
      this.body = raw as Json;
      for (const member of strangers(raw, members)) this.fail(member, noSuchMember(member, type));
    }
  }

  fail(property: string, message: string): void {
    // Without a body, ASP.NET reports the parameter alone, not each of its properties.
    if (this.missing) return;
    const key = property ? `${this.parameter}.${property}` : this.parameter;
    this.errors[key] = [...(this.errors[key] ?? []), message];
  }

  /** Whether the body names the property at all (PATCH changes only what it names). */
  has(property: string): boolean {
    return this.raw(property) !== undefined;
  }

  raw(property: string): unknown {
    return pick(this.body, property);
  }

  /** A string property; null when absent or null. */
  text(property: string): string | null {
    const value = this.raw(property);
    if (value === undefined || value === null) return null;
    if (typeof value !== "string") {
      this.fail(property, `Error converting value ${JSON.stringify(value)} to type 'System.String'.`);
      return null;
    }
    return value;
  }

  /** [Required] string: absent, null, empty and blank are all refused, as ASP.NET does. */
  requiredText(property: string): string {
    const value = this.text(property);
    if (value === null || value.trim() === "") {
      if (!this.errors[`${this.parameter}.${property}`])
        this.fail(property, `The ${property} field is required.`);
      return "";
    }
    return value.trim();
  }

  email(property: string, required: boolean): string | null {
    const value = required ? this.requiredText(property) : this.text(property)?.trim();
    if (!value) return required ? "" : null;
    if (!EMAIL.test(value)) this.fail(property, `The ${property} field is not a valid e-mail address.`);
    return value;
  }

  bool(property: string): boolean | null {
    const value = this.raw(property);
    if (value === undefined || value === null) return null;
    if (typeof value !== "boolean") {
      this.fail(property, `Error converting value ${JSON.stringify(value)} to type 'System.Boolean'.`);
      return null;
    }
    return value;
  }

  /** An integer, also sent as a numeric string (the docs show `"ProjId": "int"` and `12345`). */
  int(value: unknown, property: string): number | null {
    if (typeof value === "number" && Number.isInteger(value)) return value;
    if (typeof value === "string" && /^\d{1,10}$/.test(value.trim())) return Number(value.trim());
    if (value === undefined || value === null)
      this.fail(property, `The ${property.split(".").pop()} field is required.`);
    else this.fail(property, `Error converting value ${JSON.stringify(value)} to type 'System.Int32'.`);
    return null;
  }

  done(): void {
    if (Object.keys(this.errors).length > 0) throw new InvalidRequest(this.errors);
  }
}
