import { expect } from "vitest";
import { vendors } from "../../src/vendors/registry.js";
import type { GatewayHarness } from "./gateway-harness.js";

/** One operation's upstream calls per source, sign-ins left out; its answer must hold no error. */
export async function callsOf(
  gw: GatewayHarness,
  query: string,
  variables?: Record<string, unknown>,
  headers?: Record<string, string>,
): Promise<{ data: Record<string, unknown>; calls: Record<string, number> }> {
  gw.clearLogs();
  const { data, errors } = await gw.gql<Record<string, unknown>>(query, variables, headers);
  expect(errors).toBeUndefined();
  return { data: data!, calls: callsSinceClear(gw) };
}

/** Upstream calls per source since the last clearLogs(), sign-ins left out. */
export function callsSinceClear(gw: GatewayHarness): Record<string, number> {
  return Object.fromEntries(vendors.map((v) => [v.kind, gw.sims.get(v.kind)!.log.calls().length]));
}

/**
 * The fewest calls per source that looking persons up by email and reading their accounts' `access`
 * selection can take: each email searched as `usersByEmail` searches it (in one operation, so the
 * reads an operation shares are made once), and the accounts' permissions read in one batch (what
 * that costs beyond loading the accounts by id).
 */
export async function personLookupFloor(
  gw: GatewayHarness,
  emails: readonly string[],
  accountIds: readonly string[],
  access: string,
  headers?: Record<string, string>,
): Promise<Record<string, number>> {
  const variables = Object.fromEntries(emails.map((e, i) => [`e${i}`, e]));
  const searches = await callsOf(
    gw,
    `query(${emails.map((_, i) => `$e${i}: String!`).join(", ")}) { ${emails
      .map((_, i) => `e${i}: usersByEmail(email: $e${i}) { id }`)
      .join(" ")} }`,
    variables,
    headers,
  );
  const ids = { ids: accountIds };
  const loaded = await callsOf(gw, `query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, ids, headers);
  const withAccess = await callsOf(
    gw,
    `query($ids: [ID!]!) { nodes(ids: $ids) { ... on User { ${access} } } }`,
    ids,
    headers,
  );
  return Object.fromEntries(
    vendors.map(({ kind }) => [kind, searches.calls[kind]! + withAccess.calls[kind]! - loaded.calls[kind]!]),
  );
}
