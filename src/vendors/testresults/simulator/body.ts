import type { SimHandler, SimResponse } from "../../../simulator/router.js";

/**
 * Reading request bodies the way ASP.NET Web API binds them, and refusing them the way it does.
 * [I] No doc page shows an error: a refused body is assumed to answer 400 with Web API's
 * `{"Message": "The request is invalid.", "ModelState": {"<property>": ["…"]}}`.
 */

export type JsonObject = Record<string, unknown>;

export const isObject = (value: unknown): value is JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** ASP.NET binds JSON properties case-insensitively: `email` fills `Email`. */
function entryOf(body: JsonObject, name: string): [string, unknown] | undefined {
  const wanted = name.toLowerCase();
  return Object.entries(body).find(([k]) => k.toLowerCase() === wanted);
}

export const has = (body: JsonObject, name: string) => entryOf(body, name) !== undefined;

export const prop = (body: JsonObject, name: string): unknown => entryOf(body, name)?.[1];

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

export function validated(handler: SimHandler): SimHandler {
  return async (request): Promise<SimResponse> => {
    try {
      return await handler(request);
    } catch (error) {
      if (error instanceof ModelStateError)
        return { status: 400, body: { Message: error.message, ModelState: error.modelState } };
      throw error;
    }
  };
}
