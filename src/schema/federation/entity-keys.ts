/**
 * The entities Rollcall serves to a federated graph, and the keys another subgraph may reference
 * them by. `id` is each type's global ID (`<source>:<Type>:<vendor id>`, `Person:<key>`, a source's
 * configured id); a person is also found by email, the key an HR or identity subgraph holds.
 */
export const ENTITY_KEYS: Readonly<Record<string, readonly string[]>> = {
  User: ["id"],
  Person: ["id", "email"],
  Project: ["id"],
  Group: ["id"],
  Team: ["id"],
  Source: ["id"],
};

/** The Federation version the subgraph SDL links to, and the directives it uses. */
export const FEDERATION_LINK = "https://specs.apollo.dev/federation/v2.7";
export const FEDERATION_IMPORTS = ["@key"] as const;
