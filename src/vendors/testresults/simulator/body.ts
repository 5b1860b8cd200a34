import type { SimHandler, SimResponse } from "../../../simulator/router.js";

/**
 * Reading request bodies, and refusing them the way ASP.NET Web API does. [I] No doc page shows
 * an error: a refused body is assumed to answer 400 with Web API's
 * `{"Message": "The request is invalid.", "ModelState": {"<property>": ["…"]}}`. Stricter than
 * ASP.NET on purpose: its JSON binds members in any case and ignores unknown ones, but the doc
 * page shows only its bodies' members, in PascalCase. Any other member is refused, in JSON.NET's
 * words for MissingMemberHandling.Error, so a misspelt or invented member we send shows in tests.
 */

export type JsonObject = Record<string, unknown>;

/** SQL Server's rowversion in base64, as every answer carries it (`"AAAAAAAzl1s="`). */
const ROWVERSION = /^[A-Za-z0-9+/]{11}=$/;

export const isObject = (value: unknown): value is JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** A member by its exact (documented) name. */
export const has = (body: JsonObject, name: string) => Object.hasOwn(body, name);

export const prop = (body: JsonObject, name: string): unknown => (has(body, name) ? body[name] : undefined);

/** A body refused property by property; `validated` turns it into the 400 answer. */
export class ModelStateError extends Error {
  constructor(readonly modelState: Record<string, string[]>) {
    super("The request is invalid.");
  }
}

/** Collects one request's property errors, then throws them together like Web API does. */
export class ModelState {
  private readonly errors: Record<string, string[]> = {};

  add(property: string, message: string): void {
    this.errors[property] = [...(this.errors[property] ?? []), message];
  }

  /** The property as a trimmed non-empty string, or undefined (with an error when required). */
  text(body: JsonObject, name: string, property: string, required: boolean): string | undefined {
    const value = prop(body, name);
    if (value === undefined || value === null || (typeof value === "string" && value.trim() === "")) {
      if (required) this.add(property, `The ${name} field is required.`);
      return undefined;
    }
    if (typeof value !== "string") {
      this.add(property, `Error converting value to type 'System.String'. Path '${name}'.`);
      return undefined;
    }
    return value.trim();
  }

  /** Refuses every member of `body` its type doesn't have, as the doc page spells them. */
  members(body: JsonObject, members: readonly string[], type: string, at = ""): void {
    for (const key of Object.keys(body))
      if (!members.includes(key))
        this.add(
          `${at}${key}`,
          `Could not find member '${key}' on object of type '${type}'. Path '${at}${key}'.`,
        );
  }

  /** A `DataVersion` sent back: null, or the base64 rowversion every answer carries (8 bytes). */
  dataVersion(body: JsonObject, property: string): void {
    const value = prop(body, "DataVersion");
    if (value === undefined || value === null) return;
    if (typeof value !== "string" || !ROWVERSION.test(value))
      this.add(
        property,
        `Error converting value ${JSON.stringify(value)} to type 'System.Byte[]' (a rowversion).`,
      );
  }

  throwIfAny(): void {
    if (Object.keys(this.errors).length > 0) throw new ModelStateError(this.errors);
  }
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The `[EmailAddress]` attribute's own words. */
export function checkEmail(state: ModelState, email: string | undefined, property: string): void {
  if (email !== undefined && !EMAIL.test(email))
    state.add(property, `The ${property.split(".").pop()} field is not a valid e-mail address.`);
}

/** Web API's answer to a refused body [I]: 400 with the ModelState, property by property. */
export function invalidRequest(modelState: Record<string, string[]>): SimResponse {
  return { status: 400, body: { Message: "The request is invalid.", ModelState: modelState } };
}

export function validated(handler: SimHandler): SimHandler {
  return async (request): Promise<SimResponse> => {
    try {
      return await handler(request);
    } catch (error) {
      if (error instanceof ModelStateError) return invalidRequest(error.modelState);
      throw error;
    }
  };
}
