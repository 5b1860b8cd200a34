/**
 * Scenario 7: what people cost upstream. A page of people with their accounts and access must ask
 * each vendor no more than the directory of the same accounts (its floor: nothing read per person),
 * and one person by email what `usersByEmail` asks. Counted as scenario 1 counts (the simulators'
 * logs, sign-ins left out), every registered vendor at once.
 */
import { ALL_ACCOUNTS, LOOKUP, PEOPLE_PAGE, PERSON } from "../lib/queries.js";
import { shapeOf } from "../lib/shape.js";
import { startGateway, startSimulators } from "../lib/stack.js";
import { fmt, table } from "../lib/stats.js";
import { countCalls, floorOf } from "./upstream-requests.js";

export interface PeopleRow {
  readonly source: string;
  /** Accounts of this source on the page of people. */
  readonly accounts: number;
  /** The vendor's directory floor for those accounts. */
  readonly floor: number;
  /** The gateway's `users` directory of every account (the same accounts). */
  readonly directory: number;
  readonly people: number;
  readonly usersByEmail: number;
  readonly person: number;
}

interface PeoplePage {
  people: {
    totalCount: number | null;
    pageInfo: { hasNextPage: boolean };
    nodes: Array<{ accounts: Array<{ source: { id: string } }> }>;
  };
}

/** Scenario 7 at `size` users per source: the page must hold everyone, so its accounts are the directory's. */
export async function peopleCalls(
  size: number,
  log: (line: string) => void,
): Promise<{ persons: number; rows: PeopleRow[] }> {
  log(`  people at ${size} users per source…`);
  const sims = await startSimulators(size);
  const gateway = await startGateway(sims, { batching: true });
  try {
    const sources = Object.keys(sims.sources);
    const { data, errors } = await gateway.query<PeoplePage>(PEOPLE_PAGE);
    if (!data || errors) throw new Error(`people failed: ${JSON.stringify(errors).slice(0, 500)}`);
    if (data.people.pageInfo.hasNextPage)
      throw new Error(
        `${size} users per source make more than one page of people: the page's accounts are not the directory's`,
      );
    const accounts = new Map<string, number>();
    for (const person of data.people.nodes)
      for (const account of person.accounts)
        accounts.set(account.source.id, (accounts.get(account.source.id) ?? 0) + 1);
    const shapes = await Promise.all(sources.map((s) => shapeOf(gateway.query, s)));
    const people = await countCalls(sims, gateway, PEOPLE_PAGE);
    const directory = await countCalls(sims, gateway, ALL_ACCOUNTS);
    const person = await countCalls(sims, gateway, PERSON);
    const byEmail = await countCalls(sims, gateway, LOOKUP);
    const rows = sources.map((source, i) => {
      const listed = accounts.get(source) ?? 0;
      return {
        source,
        accounts: listed,
        // The shape's other counts as read; its users are the accounts people list, archived ones too.
        floor: floorOf(source).calls({ ...shapes[i]!, users: listed }),
        directory: directory[source] ?? 0,
        people: people[source] ?? 0,
        usersByEmail: byEmail[source] ?? 0,
        person: person[source] ?? 0,
      };
    });
    return { persons: data.people.nodes.length, rows };
  } finally {
    await gateway.child.stop();
    await sims.stop();
  }
}

export function peopleTable(rows: readonly PeopleRow[]): string {
  const sum = (pick: (r: PeopleRow) => number) => rows.reduce((n, r) => n + pick(r), 0);
  const all: PeopleRow = {
    source: `**all ${rows.length}**`,
    accounts: sum((r) => r.accounts),
    floor: sum((r) => r.floor),
    directory: sum((r) => r.directory),
    people: sum((r) => r.people),
    usersByEmail: sum((r) => r.usersByEmail),
    person: sum((r) => r.person),
  };
  return table(
    [
      "source",
      "accounts on the page",
      "directory floor",
      "users directory",
      "people(first: 100)",
      "people ÷ floor",
      "usersByEmail",
      "person(email:)",
      "person ÷ usersByEmail",
    ],
    [...rows, all].map((r) => [
      r.source,
      r.accounts,
      r.floor,
      r.directory,
      r.people,
      fmt(r.people / r.floor, 2),
      r.usersByEmail,
      r.person,
      fmt(r.person / r.usersByEmail, 2),
    ]),
  );
}
