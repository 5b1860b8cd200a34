/**
 * People over real HTTP against every registered vendor's simulator: one human's accounts joined
 * across all of them by email, links that win over the email, the people list's filters and pages.
 * The simulators seed person #i with the same name and email in every vendor (src/simulator/people.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { person as seeded } from "../../../src/simulator/people.js";
import { vendors } from "../../../src/vendors/registry.js";
import { type GatewayHarness, startGateway } from "../../support/gateway-harness.js";

interface Account {
  id: string;
  email: string | null;
  active: boolean;
  source: { id: string };
}
interface PersonView {
  id: string;
  email: string | null;
  displayName: string;
  emails: string[];
  state: string;
  highestLevel: string | null;
  activeIn: Array<{ id: string }>;
  accounts: Account[];
  linkedAccounts: Array<{ id: string }>;
  access: Array<{ level: string; user: { id: string }; source: { id: string } }>;
}

const PERSON = `id email displayName emails state highestLevel activeIn { id }
  accounts { id email active source { id } } linkedAccounts { id }
  access { level user { id } source { id } }`;

const ada = seeded(0);
const grace = seeded(1);
const sourceIds = vendors.map((v) => v.kind);

describe("people", () => {
  let gw: GatewayHarness;
  beforeAll(async () => {
    gw = await startGateway({
      users: 30,
      // What the simulators hold, so the estimate lets the filters read every account's permissions.
      server: { limits: { sourceSize: { users: 100 } } },
    });
  });
  afterAll(() => gw?.stop());

  const personByEmail = async (email: string) => {
    const { data, errors } = await gw.gql<{ person: PersonView | null }>(
      `query($email: String!) { person(email: $email) { ${PERSON} } }`,
      { email },
    );
    expect(errors).toBeUndefined();
    return data!.person;
  };

  describe("one person across every vendor", () => {
    it("joins a seeded person's accounts in every source, in config order", async () => {
      const person = (await personByEmail(ada.email))!;
      expect(person.accounts.map((a) => a.source.id)).toEqual(sourceIds);
      expect(person.email).toBe(ada.email);
      expect(person.emails).toEqual([ada.email]);
      expect(person.displayName).toBe(ada.displayName);
      expect(person.linkedAccounts).toEqual([]);
    });

    it("says where they are active, and their state across tools", async () => {
      const person = (await personByEmail(ada.email))!;
      const active = person.accounts.filter((a) => a.active).map((a) => a.source.id);
      expect(person.activeIn.map((s) => s.id)).toEqual(active);
      const expected =
        active.length === person.accounts.length
          ? "ACTIVE_EVERYWHERE"
          : active.length === 0
            ? "INACTIVE_EVERYWHERE"
            : "PARTLY_ACTIVE";
      expect(person.state).toBe(expected);
    });

    it("lists every permission of every account, each naming its account and source", async () => {
      const person = (await personByEmail(ada.email))!;
      const { data } = await gw.gql<{ usersByEmail: Array<{ id: string; permissions: unknown[] | null }> }>(
        `query($e: String!) { usersByEmail(email: $e) { id permissions { id } } }`,
        { e: ada.email },
      );
      const held = data!.usersByEmail.reduce((n, u) => n + (u.permissions?.length ?? 0), 0);
      expect(person.access).toHaveLength(held);
      const ids = new Set(person.accounts.map((a) => a.id));
      for (const p of person.access) {
        expect(ids.has(p.user.id)).toBe(true);
        expect(p.user.id.startsWith(`${p.source.id}:`)).toBe(true);
      }
      expect(person.highestLevel).not.toBeNull();
    });

    it("finds the same person whatever the case and whitespace of the email asked", async () => {
      const asked = `  ${ada.email.toUpperCase()} `;
      expect((await personByEmail(asked))?.id).toBe((await personByEmail(ada.email))?.id);
    });

    it("joins accounts whose emails differ in case, as one person", async () => {
      const margaret = seeded(5);
      const before = (await personByEmail(margaret.email))!;
      const { data } = await gw.gql<{ sources: Array<{ id: string; capabilities: string[] }> }>(
        `{ sources { id capabilities } }`,
      );
      const editable = data!.sources.find((s) => s.capabilities.includes("UPDATE_USERS"))!;
      const account = before.accounts.find((a) => a.source.id === editable.id)!;
      const shouted = margaret.email.toUpperCase();
      const updated = await gw.mutate<{ updateUser: { ok: boolean } }>(
        `mutation($u: ID!, $e: String!) { updateUser(input: { user: $u, email: $e }) { ok } }`,
        { u: account.id, e: shouted },
      );
      expect(updated.data!.updateUser.ok).toBe(true);

      const after = (await personByEmail(margaret.email))!;
      expect(after.accounts.map((a) => a.id)).toEqual(before.accounts.map((a) => a.id));
      expect(after.accounts.find((a) => a.id === account.id)!.email).toBe(shouted);
      expect(after.emails).toEqual([margaret.email]);
      const listed = await gw.gql<{ people: { nodes: Array<{ accounts: Array<{ id: string }> }> } }>(
        `query($e: String!) { people(filter: { email: $e }) { nodes { accounts { id } } } }`,
        { e: margaret.email },
      );
      expect(listed.data!.people.nodes).toEqual([{ accounts: before.accounts.map(({ id }) => ({ id })) }]);
    });

    it("reads a person back by id, through person(id:) and node(id:)", async () => {
      const person = (await personByEmail(ada.email))!;
      const { data, errors } = await gw.gql<{
        person: PersonView;
        node: { __typename: string; id: string; accounts: Account[] };
      }>(
        `query($id: ID!) { person(id: $id) { ${PERSON} }
          node(id: $id) { __typename id ... on Person { accounts { id } } } }`,
        { id: person.id },
      );
      expect(errors).toBeUndefined();
      expect(data!.person).toEqual(person);
      expect(data!.node).toEqual({
        __typename: "Person",
        id: person.id,
        accounts: person.accounts.map(({ id }) => ({ id })),
      });
    });

    it("answers null for an email no source holds, and for an account's own key once it has an email", async () => {
      expect(await personByEmail("nobody.at.all@example.com")).toBeNull();
      const account = (await personByEmail(ada.email))!.accounts[0]!.id;
      const { data, errors } = await gw.gql<{ person: unknown; node: unknown }>(
        `query($id: ID!) { person(id: $id) { id } node(id: $id) { id } }`,
        { id: `Person:${encodeURIComponent(`account:${account}`)}` },
      );
      expect(errors).toBeUndefined();
      expect(data).toEqual({ person: null, node: null });
    });
  });

  describe("links", () => {
    const link = (person: string, accounts: string[]) =>
      gw.mutate<{
        linkAccounts: {
          ok: boolean;
          results: Array<{ status: string; account: string; error: { code: string; field: string } | null }>;
          person: { accounts: Array<{ id: string }>; linkedAccounts: Array<{ id: string }> } | null;
        };
      }>(
        `mutation($input: LinkAccountsInput!) { linkAccounts(input: $input) {
          ok results { status account error { code field } } person { accounts { id } linkedAccounts { id } } } }`,
        { input: { person, accounts } },
      );
    const unlink = (accounts: string[]) =>
      gw.mutate<{
        unlinkAccounts: { ok: boolean; results: Array<{ status: string; user: { id: string } | null }> };
      }>(
        `mutation($a: [ID!]!) { unlinkAccounts(input: { accounts: $a }) { ok results { status user { id } } } }`,
        { a: accounts },
      );

    it("moves an account to the person it is linked to, and back to its email when unlinked", async () => {
      const before = (await personByEmail(ada.email))!;
      const moved = before.accounts[0]!.id;
      const linked = await link(`  ${grace.email.toUpperCase()}`, [moved]);
      expect(linked.errors).toBeUndefined();
      expect(linked.data!.linkAccounts.ok).toBe(true);
      expect(linked.data!.linkAccounts.results).toEqual([{ status: "CREATED", account: moved, error: null }]);
      expect(linked.data!.linkAccounts.person!.linkedAccounts).toEqual([{ id: moved }]);

      const graceNow = (await personByEmail(grace.email))!;
      expect(graceNow.accounts.map((a) => a.id)).toContain(moved);
      expect(graceNow.linkedAccounts).toEqual([{ id: moved }]);
      expect([...graceNow.emails].sort()).toEqual([ada.email, grace.email].sort());
      const adaNow = (await personByEmail(ada.email))!;
      expect(adaNow.accounts.map((a) => a.id)).toEqual(before.accounts.slice(1).map((a) => a.id));

      // The people list joins the same way.
      const { data } = await gw.gql<{
        people: { nodes: Array<{ email: string; accounts: Array<{ id: string }> }> };
      }>(`query($e: String!) { people(filter: { email: $e }) { nodes { email accounts { id } } } }`, {
        e: ada.email,
      });
      // Grace holds an account whose email is Ada's: the filter finds both.
      expect(data!.people.nodes.map((p) => p.email).sort()).toEqual([ada.email, grace.email].sort());
      expect(data!.people.nodes.find((p) => p.email === grace.email)!.accounts.map((a) => a.id)).toContain(
        moved,
      );

      const again = await link(grace.email, [moved]);
      expect(again.data!.linkAccounts.results[0]!.status).toBe("UNCHANGED");

      const undone = await unlink([moved]);
      expect(undone.data!.unlinkAccounts).toEqual({
        ok: true,
        results: [{ status: "DELETED", user: { id: moved } }],
      });
      expect((await personByEmail(ada.email))!.accounts).toEqual(before.accounts);
      expect((await personByEmail(grace.email))!.linkedAccounts).toEqual([]);
      expect((await unlink([moved])).data!.unlinkAccounts.results[0]!.status).toBe("UNCHANGED");
    });

    it("links to a person by id, and moves an account linked elsewhere", async () => {
      const gracePerson = (await personByEmail(grace.email))!;
      const adaPerson = (await personByEmail(ada.email))!;
      const account = adaPerson.accounts.at(-1)!.id;
      expect((await link(ada.email, [account])).data!.linkAccounts.results[0]!.status).toBe("CREATED");
      const moved = await link(gracePerson.id, [account]);
      expect(moved.data!.linkAccounts.results[0]!.status).toBe("UPDATED");
      expect((await personByEmail(grace.email))!.linkedAccounts).toEqual([{ id: account }]);
      await unlink([account]);
    });

    it("refuses to link an account its source doesn't have, naming the field, and links the rest", async () => {
      const real = (await personByEmail(ada.email))!.accounts[1]!.id;
      const missing = `${sourceIds[0]}:User:no-such-account-999999`;
      const { data, errors } = await link(grace.email, [real, missing]);
      expect(errors).toBeUndefined();
      expect(data!.linkAccounts.ok).toBe(false);
      expect(data!.linkAccounts.results).toEqual([
        { status: "CREATED", account: real, error: null },
        { status: "FAILED", account: missing, error: { code: "NOT_FOUND", field: "input.accounts[1]" } },
      ]);
      expect((await personByEmail(grace.email))!.linkedAccounts).toEqual([{ id: real }]);
      await unlink([real]);
    });

    it("names the field of bad input, before anything is written", async () => {
      const account = (await personByEmail(ada.email))!.accounts[0]!.id;
      const cases: Array<[string, string[], string]> = [
        ["not an email", [account], "input.person"],
        ["Person:account%3Aa%3AUser%3A1", [account], "input.person"],
        [grace.email, [account, "garbage"], "input.accounts[1]"],
        [grace.email, [`${sourceIds[0]}:Project:1`], "input.accounts[0]"],
        [grace.email, [], "input.accounts"],
      ];
      for (const [person, accounts, field] of cases) {
        const { errors } = await link(person, accounts);
        expect(errors?.[0]?.extensions, `${person} ${accounts}`).toMatchObject({
          code: "BAD_USER_INPUT",
          field,
        });
      }
      expect((await personByEmail(grace.email))!.linkedAccounts).toEqual([]);
    });

    it("refuses a read-scoped caller: linking needs write scope", async () => {
      const account = (await personByEmail(ada.email))!.accounts[0]!.id;
      const { status, errors } = await gw.gql(
        `mutation($a: [ID!]!) { linkAccounts(input: { person: "x@example.com", accounts: $a }) { ok } }`,
        { a: [account] },
        { authorization: `Bearer ${gw.keys.read}` },
      );
      expect(status).toBe(403);
      expect(errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
      expect(await personByEmail("x@example.com")).toBeNull();
    });
  });

  describe("the people list", () => {
    interface Page {
      people: {
        totalCount: number;
        pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
        edges: Array<{ cursor: string; node: { id: string; email: string | null } }>;
        nodes: PersonView[];
      };
    }
    const list = async (args: string, variables: Record<string, unknown> = {}) => {
      const { data, errors } = await gw.gql<Page>(
        `query($after: String, $filter: PersonFilterInput) { people(${args}, after: $after, filter: $filter) {
          totalCount pageInfo { hasNextPage hasPreviousPage endCursor }
          edges { cursor node { id email } } nodes { ${PERSON} } } }`,
        variables,
      );
      expect(errors).toBeUndefined();
      return data!.people;
    };

    it("lists everyone once, ordered by key, each seeded person with an account in every source", async () => {
      const all = await list("first: 100");
      expect(all.totalCount).toBe(all.nodes.length);
      const keys = all.edges.map((e) => decodeURIComponent(e.node.id.slice("Person:".length)));
      expect(keys).toEqual([...keys].sort());
      expect(new Set(keys).size).toBe(keys.length);
      for (const i of [0, 1, 2, 29]) {
        const p = all.nodes.find((n) => n.email === seeded(i).email);
        expect(
          p?.accounts.map((a) => a.source.id),
          seeded(i).email,
        ).toEqual(sourceIds);
      }
      const { data } = await gw.gql<{ users: { totalCount: number } }>(
        `{ users(first: 0, filter: { includeArchived: true }) { totalCount } }`,
      );
      expect(all.nodes.reduce((n, p) => n + p.accounts.length, 0)).toBe(data!.users.totalCount);
    });

    it("pages with opaque cursors, each page resuming after the last", async () => {
      const all = await list("first: 100");
      const seen: string[] = [];
      let after: string | null = null;
      for (let pages = 0; pages < 20; pages++) {
        const page = await list("first: 7", { after });
        seen.push(...page.edges.map((e) => e.node.id));
        expect(page.totalCount).toBe(all.totalCount);
        expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(seen).toEqual(all.edges.map((e) => e.node.id));
    });

    it("filters by email, name, source, activity, level and project access", async () => {
      const all = (await list("first: 100")).nodes;
      const ids = (people: PersonView[]) => people.map((p) => p.id);
      const filtered = async (filter: Record<string, unknown>) =>
        ids((await list("first: 100", { filter })).nodes);

      expect(await filtered({ email: ` ${ada.email.toUpperCase()}` })).toEqual(
        ids(all.filter((p) => p.emails.includes(ada.email))),
      );
      expect(await filtered({ name: ada.lastName.toUpperCase() })).toEqual(
        ids(all.filter((p) => p.displayName.toLowerCase().includes(ada.lastName.toLowerCase()))),
      );
      const last = sourceIds.at(-1)!;
      expect(await filtered({ sources: [last] })).toEqual(
        ids(all.filter((p) => p.accounts.some((a) => a.source.id === last))),
      );
      const inactive = await filtered({ activeAnywhere: false });
      expect(inactive).toEqual(ids(all.filter((p) => p.state === "INACTIVE_EVERYWHERE")));
      expect(inactive.length).toBeGreaterThan(0);
      expect(await filtered({ activeAnywhere: true })).toEqual(
        ids(all.filter((p) => p.state !== "INACTIVE_EVERYWHERE")),
      );

      const order = ["UNKNOWN", "CUSTOM", "NONE", "VIEW", "EXECUTE", "EDIT", "MANAGE", "ADMIN"];
      for (const level of ["VIEW", "MANAGE", "ADMIN"]) {
        const expected = all.filter(
          (p) => p.highestLevel !== null && order.indexOf(p.highestLevel) >= order.indexOf(level),
        );
        expect(await filtered({ highestLevel: level }), level).toEqual(ids(expected));
      }
    });

    it("filters by access to a project as the project's members say", async () => {
      const { data } = await gw.gql<{
        projects: { nodes: Array<{ id: string; members: { nodes: Array<{ id: string }> } }> };
      }>(`{ projects(first: 100) { nodes { id members(first: 100) { nodes { id } } } } }`);
      const project = data!.projects.nodes.find((p) => p.members.nodes.length > 0)!;
      const members = new Set(project.members.nodes.map((m) => m.id));
      const all = (await list("first: 100")).nodes;
      const page = await list("first: 100", { filter: { hasAccessToProject: project.id } });
      expect(page.nodes.map((p) => p.id)).toEqual(
        all.filter((p) => p.accounts.some((a) => members.has(a.id))).map((p) => p.id),
      );
      expect(page.nodes.length).toBeGreaterThan(0);
    });

    it("names the field of bad input", async () => {
      const cases: Array<[string, Record<string, unknown>, string]> = [
        ["first: 7", { after: "not-a-cursor" }, "after"],
        ["first: -1", {}, "first"],
        ["first: 1", { filter: { sources: [sourceIds[0], "nope"] } }, "filter.sources[1]"],
        ["first: 1", { filter: { email: "nope" } }, "filter.email"],
        ["first: 1", { filter: { name: "  " } }, "filter.name"],
        ["first: 1", { filter: { hasAccessToProject: "garbage" } }, "filter.hasAccessToProject"],
        [
          "first: 1",
          { filter: { hasAccessToProject: `${sourceIds[0]}:User:1` } },
          "filter.hasAccessToProject",
        ],
      ];
      for (const [args, variables, field] of cases) {
        const { errors } = await gw.gql(
          `query($after: String, $filter: PersonFilterInput) { people(${args}, after: $after, filter: $filter) { totalCount } }`,
          variables,
        );
        expect(errors?.[0]?.extensions, field).toMatchObject({ code: "BAD_USER_INPUT", field });
      }
    });

    it("asks person() for exactly one of id and email, naming the field", async () => {
      const ask = (args: string) => gw.gql(`{ person${args} { id } }`);
      expect((await ask("")).errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "id" });
      expect((await ask(`(id: "Person:a%40b.c", email: "a@b.c")`)).errors?.[0]?.extensions).toMatchObject({
        code: "BAD_USER_INPUT",
        field: "email",
      });
      expect((await ask(`(id: "${sourceIds[0]}:User:1")`)).errors?.[0]?.extensions).toMatchObject({
        code: "BAD_USER_INPUT",
        field: "id",
      });
      expect((await ask(`(email: "not an email")`)).errors?.[0]?.extensions).toMatchObject({
        code: "BAD_USER_INPUT",
        field: "email",
      });
    });
  });
});
