import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { print } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AccountsDocument,
  DirectoryDocument,
  PersonDocument,
  SourcesDocument,
} from "../../examples/generated/graphql.js";
import { type GatewayHarness, startGateway } from "../support/gateway-harness.js";

/** What a codegen-typed client does: send the generated document, get typed data back. */
async function run<R, V>(gw: GatewayHarness, document: TypedDocumentNode<R, V>, variables?: V): Promise<R> {
  const { data, errors } = await gw.gql<R>(print(document), variables as Record<string, unknown>);
  expect(errors).toBeUndefined();
  return data as R;
}

describe("a client typed with graphql-codegen", () => {
  let gw: GatewayHarness;
  beforeAll(async () => {
    gw = await startGateway({ users: 12 });
  });
  afterAll(() => gw?.stop());

  it("runs the generated Directory document and reads typed fields", async () => {
    const data = await run(gw, DirectoryDocument, { first: 5 });
    const first = data.users.edges[0]?.node;
    expect(typeof first?.displayName).toBe("string");
    expect(first?.source.kind).toMatch(/^[A-Z_]+$/);
    expect(data.users.pageInfo.hasNextPage).toBe(true);
  });

  it("runs the generated Accounts document across every vendor", async () => {
    const data = await run(gw, AccountsDocument, { email: "ada.lovelace@example.com" });
    expect(data.usersByEmail.map((u) => u.source.id).length).toBeGreaterThanOrEqual(2);
  });

  it("runs the generated Person document: one person, an account in every vendor", async () => {
    const data = await run(gw, PersonDocument, { email: " Ada.Lovelace@example.com" });
    const sources = data.person?.accounts.map((a) => a.source.id) ?? [];
    expect(new Set(sources).size).toBe(sources.length);
    expect(sources.length).toBeGreaterThanOrEqual(2);
    expect(data.person?.emails).toEqual(["ada.lovelace@example.com"]);
  });

  it("runs the generated Sources document", async () => {
    const data = await run(gw, SourcesDocument);
    expect(data.sources.every((s) => s.status.reachable)).toBe(true);
  });
});
