import { nonEmpty } from "../mapping.js";
import type { RawError } from "./raw-types.js";

/** `user.Email` -> `Email`, `request.Groups[0].ProjId` -> `Groups[0].ProjId`: the parameter
 *  prefix ASP.NET puts on ModelState keys says nothing to the caller. */
function propertyOf(key: string): string {
  const dot = key.indexOf(".");
  return dot < 0 ? key : key.slice(dot + 1);
}

/**
 * The vendor's own words from an error body [I] (see RawError): the Message, then each rejected
 * property as `Property: message`, e.g. "The request is invalid. Email: The Email field is
 * required." The writers read the property names back to name the caller's input field.
 */
export function describeQacError(body: unknown): string | undefined {
  if (typeof body === "string") return nonEmpty(body) ?? undefined;
  const error = body as RawError | undefined;
  const message = typeof error?.Message === "string" ? error.Message : undefined;
  const modelState = error?.ModelState && typeof error.ModelState === "object" ? error.ModelState : {};
  const details = Object.entries(modelState).map(
    ([key, messages]) => `${propertyOf(key)}: ${[messages].flat().join(" ")}`,
  );
  const parts = [message, ...details].filter((p): p is string => p !== undefined && p !== "");
  return parts.length > 0 ? parts.join(" ") : undefined;
}
