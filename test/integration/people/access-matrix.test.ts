/**
 * accessMatrix over GraphQL (real HTTP, every vendor's simulator): after a real snapshot, everyone ×
 * every source as of it, each cell what live `people` reports, with no vendor call; paged by cursor,
 * searched and filtered; a source the snapshot could not read is NOT_READ in every row; and bad
 * input is a typed error naming the field.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { vendors } from "../../../src/vendors/registry.js";
import { type GatewayHarness, startGateway } from "../../support/gateway-harness.js";
import { takeSnapshotThroughApi } from "../../support/take-snapshot.js";

const LEVELS = ["UNKNOWN", "CUSTOM", "NONE", "VIEW", "EXECUTE", "EDIT", "MANAGE", "ADMIN"];
const highest = (levels: string[]) =>
  levels.length === 0 ? null : (LEVELS[Math.max(...levels.map((l) => LEVELS.indexOf(l)))] as string);

const MATRIX = `query ($snapshot: ID, $filter: AccessMatrixFilter, $first: Int, $after: String) {
  accessMatrix(snapshot: $snapshot, filter: $filter, first: $first, after: $after) {
    asOf totalCount incompleteSources
    snapshot { id status finishedAt }
    sources { sourceId status source { id name } }
    pageInfo { hasNextPage hasPreviousPage endCursor }
    edges { cursor }
    nodes {
      id displayName email highestLevel
      cells { sourceId state accounts active highestLevel levelKnown }
      accounts { id sourceId active grantsRead highestLevel }
    }
  }
}`;

interface Cell {
  sourceId: string;
  state: string;
  accounts: number;
  active: boolean | null;
  highestLevel: string | null;
  levelKnown: boolean;
}
interface Row {
  id: string;
  displayName: string;
  email: string | null;
  highestLevel: string | null;
  cells: Cell[];
  accounts: Array<{ id: string; sourceId: string; active: boolean; grantsRead: boolean }>;
}
interface Matrix {
  accessMatrix: {
    asOf: string;
    totalCount: number;
    incompleteSources: string[];
    snapshot: { id: string; status: string; finishedAt: string };
    sources: Array<{ sourceId: string; status: string; source: { id: string; name: string } | null }>;
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
    edges: Array<{ cursor: string }>;
    nodes: Row[];
  } | null;
}
interface LivePerson {
  id: string;
  displayName: string;
  email: string | null;
  accounts: Array<{ id: string; active: boolean; source: { id: string } }>;
  access: Array<{ level: string; source: { id: string } }>;
}

describe("the access matrix over GraphQL", () => {
  let gw: GatewayHarness;
  const matrix = (variables: Record<string, unknown> = {}) => gw.gql<Matrix>(MATRIX, variables);

  beforeAll(async () => {
    gw = await startGateway({ users: 12, extraConfig: { rateLimit: { enabled: false } } });
  });
  afterAll(() => gw?.stop());

  it("answers null while no snapshot has finished: there is nothing to read yet", async () => {
    const { data, errors } = await matrix();
    expect(errors).toBeUndefined();
    expect(data!.accessMatrix).toBeNull();
  });

  it("shows everyone × every source as of the newest snapshot, each cell what live people reports, with no vendor call", async () => {
    const snapshot = await takeSnapshotThroughApi(gw);
    expect(snapshot.status).toBe("COMPLETE");
    const live = await gw.gql<{ people: { nodes: LivePerson[] } }>(
      `{ people(first: 200) { nodes { id displayName email accounts { id active source { id } } access { level source { id } } } } }`,
    );
    expect(live.errors).toBeUndefined();
    const everyone = live.data!.people.nodes;

    gw.clearLogs();
    const { data, errors } = await matrix({ first: 200 });
    expect(errors).toBeUndefined();
    expect(Object.values(gw.upstreamCounts()).every((n) => n === 0)).toBe(true);
    const m = data!.accessMatrix!;
    expect(m.snapshot).toMatchObject({ id: snapshot.id, status: "COMPLETE" });
    expect(m.asOf).toBe(m.snapshot.finishedAt);
    expect(m.incompleteSources).toEqual([]);
    expect(m.sources.map((s) => s.sourceId)).toEqual(vendors.map((v) => v.kind));
    expect(m.sources.every((s) => s.status === "COMPLETE" && s.source?.id === s.sourceId)).toBe(true);
    expect(m.totalCount).toBe(everyone.length);
    expect(m.pageInfo.hasNextPage).toBe(false);
    // The same people in the same order (by key), named alike, each cell as the live answer has it.
    expect(m.nodes.map((p) => p.id)).toEqual(everyone.map((p) => p.id));
    const levelsSeen = new Set<string | null>();
    for (const [i, person] of everyone.entries()) {
      const row = m.nodes[i]!;
      expect(row.displayName).toBe(person.displayName);
      expect(row.email).toBe(person.email);
      expect(row.accounts.map((a) => a.id).sort()).toEqual(person.accounts.map((a) => a.id).sort());
      for (const cell of row.cells) {
        const accounts = person.accounts.filter((a) => a.source.id === cell.sourceId);
        const level = highest(person.access.filter((p) => p.source.id === cell.sourceId).map((p) => p.level));
        const want: Cell =
          accounts.length === 0
            ? {
                sourceId: cell.sourceId,
                state: "NO_ACCOUNT",
                accounts: 0,
                active: null,
                highestLevel: null,
                levelKnown: true,
              }
            : {
                sourceId: cell.sourceId,
                state: "ACCOUNT",
                accounts: accounts.length,
                active: accounts.some((a) => a.active),
                highestLevel: level,
                levelKnown: true,
              };
        expect(cell, `${person.id} in ${cell.sourceId}`).toEqual(want);
        levelsSeen.add(cell.highestLevel);
      }
      expect(row.highestLevel).toBe(highest(person.access.map((p) => p.level)));
    }
    expect(levelsSeen.size).toBeGreaterThan(2);
  });

  it("pages by cursor through the same people, and searches and filters them", async () => {
    const whole = (await matrix({ first: 200 })).data!.accessMatrix!;
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: Matrix["accessMatrix"] = (await matrix({ first: 7, after })).data!.accessMatrix;
      expect(page!.totalCount).toBe(whole.totalCount);
      seen.push(...page!.nodes.map((p) => p.id));
      if (!page!.pageInfo.hasNextPage) break;
      expect(page!.edges.at(-1)!.cursor).toBe(page!.pageInfo.endCursor);
      after = page!.pageInfo.endCursor;
    }
    expect(seen).toEqual(whole.nodes.map((p) => p.id));

    const someone = whole.nodes.find((p) => p.cells.filter((c) => c.state === "ACCOUNT").length > 1)!;
    const word = someone.displayName.split(" ").at(-1)!.toUpperCase();
    const searched = (await matrix({ filter: { search: word } })).data!.accessMatrix!;
    expect(searched.nodes.map((p) => p.id)).toContain(someone.id);
    expect(searched.totalCount).toBeLessThan(whole.totalCount);

    const source = vendors[1]!.kind;
    const inSource = (await matrix({ first: 200, filter: { sources: [source] } })).data!.accessMatrix!;
    expect(inSource.nodes.map((p) => p.id)).toEqual(
      whole.nodes
        .filter((p) => p.cells.some((c) => c.sourceId === source && c.state === "ACCOUNT"))
        .map((p) => p.id),
    );
    const atLeast = "EDIT";
    const strong = (await matrix({ first: 200, filter: { highestLevel: atLeast } })).data!.accessMatrix!;
    const want = whole.nodes.filter(
      (p) => p.highestLevel !== null && LEVELS.indexOf(p.highestLevel) >= LEVELS.indexOf(atLeast),
    );
    expect(want.length).toBeGreaterThan(0);
    expect(strong.nodes.map((p) => p.id)).toEqual(want.map((p) => p.id));
    expect(strong.totalCount).toBe(want.length);
  });

  it("shows a source the newest snapshot could not read as NOT_READ in every row, never as no account", async () => {
    const failing = vendors[0]!.kind;
    gw.sims.get(failing)!.faults.inject({ kind: "5xx", status: 503 });
    let snapshot: Awaited<ReturnType<typeof takeSnapshotThroughApi>>;
    try {
      snapshot = await takeSnapshotThroughApi(gw);
    } finally {
      gw.sims.get(failing)!.faults.clear();
    }
    expect(snapshot.status).toBe("PARTIAL");
    const m = (await matrix({ first: 200 })).data!.accessMatrix!;
    expect(m.snapshot.id).toBe(snapshot.id);
    expect(m.incompleteSources).toEqual([failing]);
    expect(m.sources.find((s) => s.sourceId === failing)?.status).toBe("FAILED");
    expect(m.nodes.length).toBeGreaterThan(0);
    for (const row of m.nodes)
      expect(row.cells.find((c) => c.sourceId === failing)).toEqual({
        sourceId: failing,
        state: "NOT_READ",
        accounts: 0,
        active: null,
        highestLevel: null,
        levelKnown: false,
      });
    // The snapshot before it is still readable by id, whole.
    const earlier = (
      await gw.gql<{ snapshots: { nodes: Array<{ id: string; status: string }> } }>(
        `{ snapshots(first: 10) { nodes { id status } } }`,
      )
    ).data!.snapshots.nodes.find((s) => s.status === "COMPLETE")!;
    const older = (await matrix({ snapshot: earlier.id, first: 1 })).data!.accessMatrix!;
    expect(older.incompleteSources).toEqual([]);
  });

  it("refuses bad input with a typed error naming the field", async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ first: -1 }, "first"],
      [{ after: "not-a-cursor" }, "after"],
      [{ filter: { search: "   " } }, "filter.search"],
      [{ filter: { sources: [vendors[0]!.kind, "nowhere"] } }, "filter.sources[1]"],
      [{ snapshot: "snap_nope" }, "snapshot"],
    ];
    for (const [variables, field] of cases) {
      const { data, errors } = await matrix(variables);
      expect(errors?.[0]?.extensions, JSON.stringify(variables)).toMatchObject({
        code: "BAD_USER_INPUT",
        field,
      });
      expect(data?.accessMatrix ?? null).toBeNull();
    }
  });
});
