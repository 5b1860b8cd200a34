import type { ApolloServerPlugin } from "@apollo/server";
import { GraphQLError } from "graphql";
import { ErrorCode } from "../model/errors.js";

/** A UTF-16 surrogate with no partner: JSON can carry one, but no URL or vendor can. */
const LONE_SURROGATE = /\p{Cs}/u;

/** The path of the first string holding a lone surrogate (`$id`, `$input.users[2]`), or null. */
function firstMalformed(value: unknown, path: string): string | null {
  if (typeof value === "string") return LONE_SURROGATE.test(value) ? path : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = firstMalformed(value[i], `${path}[${i}]`);
      if (found) return found;
    }
    return null;
  }
  if (value !== null && typeof value === "object")
    for (const [key, item] of Object.entries(value)) {
      const found = firstMalformed(item, `${path}.${key}`);
      if (found) return found;
    }
  return null;
}

/**
 * Refuses variables holding text that is not well-formed Unicode, naming the variable. GraphQL's
 * parser already refuses such text in the document; variables arrive as JSON, which allows lone
 * surrogates, and one in an id failed deep inside a connector (`URI malformed` building a vendor
 * path) as an internal error.
 */
export const wellFormedVariablesPlugin: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didResolveOperation({ request }) {
        for (const [name, value] of Object.entries(request.variables ?? {})) {
          const field = firstMalformed(value, `$${name}`);
          if (field)
            throw new GraphQLError(`${field} is not well-formed Unicode text (it holds a lone surrogate)`, {
              extensions: { code: ErrorCode.BAD_USER_INPUT, field, http: { status: 400 } },
            });
        }
      },
    };
  },
};
