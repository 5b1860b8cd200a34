/**
 * Deterministic generated people, shared by every simulator: person #i has the same name and
 * email in each vendor that seeds it, so cross-vendor lookups (usersByEmail) find real overlaps.
 */

const FIRST = [
  "Ada",
  "Grace",
  "Alan",
  "Katherine",
  "Linus",
  "Margaret",
  "Dennis",
  "Barbara",
  "Ken",
  "Frances",
  "Edsger",
  "Radia",
  "Donald",
  "Hedy",
  "John",
  "Karen",
  "Tim",
  "Annie",
  "Guido",
  "Sophie",
  "Bjarne",
  "Mary",
  "James",
  "Adele",
  "Niklaus",
  "Joan",
  "Brian",
  "Evelyn",
  "Leslie",
  "Lynn",
  "Anders",
  "Shafi",
  "Ivan",
  "Jean",
  "Yukihiro",
  "Carol",
  "Rob",
  "Elena",
  "Tobias",
  "Mira",
] as const;

const LAST = [
  "Lovelace",
  "Hopper",
  "Turing",
  "Johnson",
  "Torvalds",
  "Hamilton",
  "Ritchie",
  "Liskov",
  "Thompson",
  "Allen",
  "Dijkstra",
  "Perlman",
  "Knuth",
  "Lamarr",
  "Backus",
  "Jones",
  "Berners",
  "Easley",
  "Rossum",
  "Wilson",
  "Stroustrup",
  "Keller",
  "Gosling",
  "Goldberg",
  "Wirth",
  "Clarke",
  "Kernighan",
  "Boyd",
  "Lamport",
  "Conway",
  "Hejlsberg",
  "Goldwasser",
  "Sutherland",
  "Bartik",
  "Matsumoto",
  "Shaw",
  "Pike",
  "Moreau",
  "Keller",
  "Brandt",
  "Novak",
  "Dubois",
  "Weber",
] as const;

export interface Person {
  readonly index: number;
  readonly firstName: string;
  readonly lastName: string;
  readonly displayName: string;
  readonly email: string;
  /** A login handle (first.last), for vendors whose login is not the email. */
  readonly handle: string;
  readonly active: boolean;
  readonly createdAt: Date;
  /** Null for people who never logged in. */
  readonly lastLoginAt: Date | null;
}

const DAY = 86_400_000;
const EPOCH = Date.UTC(2023, 0, 2, 9, 0, 0);
const NOW = Date.UTC(2026, 10, 2, 17, 30, 0);

/** Person #index (0-based). Pure: the same index gives the same person everywhere. */
export function person(index: number): Person {
  const a = index % FIRST.length;
  const b = Math.floor(index / FIRST.length);
  const firstName = FIRST[a] as string;
  // 41 and 43 are coprime, so (a, b) -> last is one-to-one for the first 40 x 43 people.
  const lastName = LAST[(b * (FIRST.length + 1) + a) % LAST.length] as string;
  const suffix = index >= FIRST.length * LAST.length ? String(index) : "";
  const handle = `${firstName}.${lastName}${suffix}`.toLowerCase();
  return {
    index,
    firstName,
    lastName,
    displayName: `${firstName} ${lastName}`,
    email: `${handle}@example.com`,
    handle,
    active: index % 9 !== 8,
    createdAt: new Date(EPOCH + (index % 700) * DAY + (index % 13) * 3_600_000),
    lastLoginAt:
      index % 11 === 10 ? null : new Date(NOW - ((index * 37) % 300) * DAY - (index % 7) * 3_600_000),
  };
}

export function people(count: number, from = 0): Person[] {
  return Array.from({ length: count }, (_, i) => person(from + i));
}

/** A stable pseudo-random choice for item `index` among `n` (no global state). */
export function pick(index: number, n: number, salt = 0): number {
  let x = (index + 1) * 2_654_435_761 + salt * 40_503;
  x ^= x >>> 15;
  x = Math.imul(x, 2_246_822_519);
  x ^= x >>> 13;
  return Math.abs(x) % n;
}
