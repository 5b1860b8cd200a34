import { asInputError, byPattern } from "../../write-rules/index.js";

/** [I] How Squash's refusals name a field: the field's own name in its message (`login must not
 *  be blank`, `last_name is required`); REFERENCE §2.3 documents only `{exception, message}`. */
const namedAt = byPattern((wire) => `\\b${wire}\\b`);

/** `POST /users` fields -> the unified input fields. The login is the email unless one was given. */
export const inviteFields = (loginGiven: boolean): Readonly<Record<string, string>> => ({
  first_name: "input.firstName",
  last_name: "input.lastName",
  login: loginGiven ? "input.login" : "input.email",
  email: "input.email",
  password: "input.password",
  group: "input.globalRole",
});

/** `PATCH /users/{id}` fields -> the unified input fields. */
export const UPDATE_FIELDS: Readonly<Record<string, string>> = {
  first_name: "input.firstName",
  last_name: "input.lastName",
  login: "input.login",
  email: "input.email",
  group: "input.globalRole",
};

/** Squash's refusal of a field as the caller's input error on the unified field (write-rules). */
export const squashRefusal = (error: unknown, fields: Readonly<Record<string, string>>): unknown =>
  asInputError(error, fields, namedAt);
