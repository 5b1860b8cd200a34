import { registerEnumType } from "type-graphql";
import { Capability } from "../../model/capabilities.js";
import { ErrorCode } from "../../model/errors.js";
import { PermissionLevel } from "../../model/records.js";
import { vendors } from "../../vendors/registry.js";

registerEnumType(PermissionLevel, {
  name: "PermissionLevel",
  description: "A vendor role placed on one scale; each vendor's README documents its mapping.",
});

registerEnumType(Capability, {
  name: "Capability",
  description: "What a source can do through Rollcall.",
});

registerEnumType(ErrorCode, {
  name: "ErrorCode",
  description: "The codes Rollcall puts in `extensions.code` and in per-source results.",
});

/** A kind `acme-tm` in config is `ACME_TM` in GraphQL (enum values can't hold dashes). */
export const SourceKind: Record<string, string> = Object.fromEntries(
  vendors.map((v) => [v.kind.toUpperCase().replace(/-/g, "_"), v.kind]),
);

registerEnumType(SourceKind, {
  name: "SourceKind",
  description: "The vendor product behind a source (the `kind` of its config entry).",
});
