/**
 * The rules every vendor's writers keep, written once (docs/adding-a-vendor.md, "Writes"): send a
 * write once and settle an unknown outcome by reading; classify a failure the same way everywhere;
 * turn a vendor's refusal of a field into the caller's input error. A vendor folder supplies only
 * what is its own: how to read back the object a write touched, and how its refusals name a field.
 */
export {
  asNotFound,
  classifyWriteFailure,
  isRefusal,
  notApplied,
  outcomeUnknown,
  type WriteFailure,
} from "./outcome.js";
export { asInputError, byPattern, type FieldNamedAt } from "./refusals.js";
export { type Created, createOnce, readBack, sendOnceThenSettle } from "./send-once.js";
