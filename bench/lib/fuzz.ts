/**
 * Generated requests for the fuzz run (bench/fuzz.ts, and a slice in test/integration/fuzz.test.ts):
 * valid operations walked from the schema with random and hostile arguments, invalid documents,
 * deep and wide ones, bad cursors and ids, huge variables, wrong content types, batched arrays,
 * mutations with and without a key. Deterministic for a seed, so a failure can be run again.
 */
import {
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  isAbstractType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
} from "graphql";
import { vendors } from "../../src/vendors/registry.js";

/** One generated HTTP request to the GraphQL endpoint. */
export interface FuzzCase {
  readonly kind: string;
  readonly method: "GET" | "POST";
  /** Appended to the endpoint URL (GET). */
  readonly search?: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
  /** Larger than the gateway takes: it answers 413, or closes the connection while the body is
   *  still arriving (before reading it all), which is as good a refusal. */
  readonly oversized?: boolean;
}

/** What the generator knows of the running gateway: real ids and cursors to mix in, and keys. */
export interface FuzzContext {
  readonly ids: readonly string[];
  readonly cursors: readonly string[];
  readonly sources: readonly string[];
  readonly writeKey: string;
  readonly readKey: string;
}

/** A small seeded PRNG (mulberry32): the same seed makes the same cases. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const INTS = [0, 1, -1, 2, 5, 50, 100, 1000, 1001, 50_000, 2 ** 31 - 1, -(2 ** 31)];
const STRINGS = [
  "",
  "a",
  "ada.lovelace@example.com",
  "ADA.LOVELACE@EXAMPLE.COM ",
  "%",
  "%25%ZZ",
  "\u0000",
  "🙂",
  "\u202e",
  "'; DROP TABLE users; --",
  "../../etc/passwd",
  "a&b=c?d#e",
  "<script>alert(1)</script>",
  "x".repeat(5000),
];
/** The registered kinds, the first three of them repeated where fewer are registered. */
const kinds = vendors.map((v) => v.kind);
const [A, B, C] = [0, 1, 2].map((i) => kinds[i % kinds.length] as string);
const BAD_IDS = [
  "x",
  ":::",
  `${A}:User:`,
  `${A}:Nope:1`,
  `${A}:User:%ZZ`,
  "nosuchsource:User:1",
  `${B}:User:-1`,
  `${C}:User:1e9`,
  `${C}:User:99999999999999999999`,
  `${B}:Project:..%2F..%2F`,
  `${C}:Group:00000000-0000-0000-0000-000000000000`,
  `${C}:Permission:1~*~Admin`,
  `${A}:Permission:~~`,
];
const BAD_CURSORS = [
  "",
  "!!!",
  Buffer.from(`${A}:-1`).toString("base64url"),
  Buffer.from(`${A}:1e9`).toString("base64url"),
  Buffer.from("nosuch:0").toString("base64url"),
  Buffer.from("#-1").toString("base64url"),
  Buffer.from(`${A}:${2 ** 40}`).toString("base64url"),
];

export class FuzzGenerator {
  private readonly next: () => number;

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly context: FuzzContext,
    seed: number,
  ) {
    this.next = random(seed);
  }

  private int(n: number): number {
    return Math.floor(this.next() * n);
  }

  private pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }

  private chance(p: number): boolean {
    return this.next() < p;
  }

  private idValue(): string {
    return this.chance(0.6) && this.context.ids.length > 0 ? this.pick(this.context.ids) : this.pick(BAD_IDS);
  }

  private stringValue(argName: string): string {
    if (argName === "after")
      return this.chance(0.5) ? this.pick(this.context.cursors) : this.pick(BAD_CURSORS);
    if (/email/i.test(argName) && this.chance(0.5)) return `person${this.int(60)}@example.com`;
    return this.pick(STRINGS);
  }

  /** A GraphQL literal for an input type. */
  private literal(type: GraphQLInputType, name: string, depth = 0): string {
    if (isNonNullType(type)) return this.literal(type.ofType, name, depth);
    if (this.chance(0.05)) return "null";
    if (isListType(type)) {
      const n = this.chance(0.05) ? 200 : this.int(4);
      return `[${Array.from({ length: n }, () => this.literal(type.ofType, name, depth + 1)).join(", ")}]`;
    }
    if (isEnumType(type)) return this.pick(type.getValues()).name;
    if (isInputObjectType(type)) {
      if (depth > 3) return "{}";
      const fields = Object.values(type.getFields()).filter((f) => isNonNullType(f.type) || this.chance(0.5));
      return `{ ${fields.map((f) => `${f.name}: ${this.literal(f.type, f.name, depth + 1)}`).join(", ")} }`;
    }
    if (isScalarType(type)) {
      if (type.name === "Int") return String(this.pick(INTS));
      if (type.name === "Boolean") return this.chance(0.5) ? "true" : "false";
      if (type.name === "ID") return JSON.stringify(this.idValue());
      return JSON.stringify(this.stringValue(name));
    }
    return "null";
  }

  private args(field: GraphQLField<unknown, unknown>): string {
    const chosen = field.args.filter((a: GraphQLArgument) => isNonNullType(a.type) || this.chance(0.6));
    if (chosen.length === 0) return "";
    return `(${chosen.map((a) => `${a.name}: ${this.literal(a.type, a.name)}`).join(", ")})`;
  }

  /** A selection set on `type`, `depth` levels deep at most. */
  private selection(type: GraphQLNamedType, depth: number, width: number): string {
    if (isAbstractType(type)) {
      const possible = this.schema.getPossibleTypes(type);
      const concrete = this.pick(possible);
      return `{ __typename ... on ${concrete.name} ${this.selection(concrete, depth, width)} }`;
    }
    if (!isObjectType(type)) return "";
    const fields = Object.values((type as GraphQLObjectType).getFields());
    const leaves = fields.filter((f) => isLeafType(getNamedType(f.type)));
    const objects = fields.filter((f) => !isLeafType(getNamedType(f.type)));
    const parts: string[] = [];
    const count = 1 + this.int(width);
    for (let i = 0; i < count; i++) {
      const useObject = depth > 0 && objects.length > 0 && this.chance(0.5);
      const field = useObject ? this.pick(objects) : this.pick(leaves.length > 0 ? leaves : objects);
      const alias = this.chance(0.2) ? `a${i}: ` : "";
      const named = getNamedType(field.type);
      const sub = isLeafType(named) ? "" : ` ${this.selection(named, depth - 1, width)}`;
      parts.push(`${alias}${field.name}${this.args(field)}${sub}`);
    }
    return `{ ${parts.join(" ")} }`;
  }

  private operation(root: "query" | "mutation", depth: number, width: number): string {
    const type = root === "query" ? this.schema.getQueryType() : this.schema.getMutationType();
    if (!type) return "{ __typename }";
    const field = this.pick(Object.values(type.getFields()));
    const named = getNamedType(getNullableType(field.type));
    const sub = isLeafType(named) ? "" : ` ${this.selection(named, depth, width)}`;
    return `${root} { ${field.name}${this.args(field)}${sub} }`;
  }

  private post(body: unknown, kind: string, headers: Record<string, string> = {}): FuzzCase {
    return {
      kind,
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
    };
  }

  private key(): Record<string, string> {
    const roll = this.next();
    if (roll < 0.3) return {};
    if (roll < 0.55) return { authorization: `Bearer ${this.context.readKey}` };
    if (roll < 0.95) return { authorization: `Bearer ${this.context.writeKey}` };
    return { authorization: "Bearer rk_forged" };
  }

  /** The next generated request. */
  case(): FuzzCase {
    const roll = this.next();
    if (roll < 0.35) return this.post({ query: this.operation("query", 1 + this.int(3), 4) }, "valid query");
    if (roll < 0.45) return this.post({ query: this.operation("mutation", 1, 3) }, "mutation", this.key());
    if (roll < 0.5) {
      const text = this.operation("query", 2, 3);
      return this.post({ query: text.slice(0, this.int(text.length)) }, "truncated document");
    }
    if (roll < 0.55) return this.post({ query: this.deep() }, "deep");
    if (roll < 0.6) return this.post({ query: this.wide() }, "wide");
    if (roll < 0.65)
      return this.post(
        {
          query: "query ($ids: [ID!]!) { nodes(ids: $ids) { id } }",
          variables: { ids: Array.from({ length: this.chance(0.3) ? 5000 : 20 }, () => this.idValue()) },
        },
        "many ids",
      );
    if (roll < 0.7)
      return this.post(
        {
          query:
            "query ($after: String, $first: Int) { users(first: $first, after: $after) { totalCount nodes { id } } }",
          variables: {
            after: this.chance(0.5) ? this.pick(BAD_CURSORS) : this.pick(this.context.cursors),
            first: this.pick(INTS),
          },
        },
        "cursor",
      );
    if (roll < 0.75)
      return this.post(
        { query: "query ($v: String!) { usersByEmail(email: $v) { id } }", variables: this.hugeVariables() },
        "huge variables",
      );
    if (roll < 0.77) return this.wrongContentType();
    if (roll < 0.8)
      return {
        ...this.post(
          { query: "{ sources { id } }", variables: { v: "x".repeat(1_100_000 + this.int(2_000_000)) } },
          "oversized body",
        ),
        oversized: true,
      };
    if (roll < 0.83)
      return this.post(
        [{ query: "{ sources { id } }" }, { query: this.operation("mutation", 1, 2) }],
        "batched array",
        this.key(),
      );
    if (roll < 0.88) return this.get();
    if (roll < 0.93) return this.post(this.garbage(), "garbage body");
    return this.post(
      {
        query: `${this.operation("query", 1, 2).replace(/^query/, "query A")} ${this.operation("mutation", 1, 2).replace(/^mutation/, "mutation B")}`,
        operationName: this.pick(["A", "B", "C", undefined]),
      },
      "several operations",
      this.key(),
    );
  }

  private deep(): string {
    const levels = 3 + this.int(30);
    const pair = this.pick([
      ["groups", "members"],
      ["teams", "members"],
      ["projects", "members"],
    ]) as [string, string];
    let inner = "id";
    for (let i = 0; i < levels; i++) inner = `${pair[i % 2]} { nodes { ${inner} } }`;
    return `{ users { nodes { ${inner} } } }`;
  }

  private wide(): string {
    const n = 10 + this.int(this.chance(0.2) ? 3000 : 200);
    const field = this.pick([
      `users(first: ${this.pick([10, 1000])}) { nodes { id } }`,
      `usersByEmail(email: "person${this.int(60)}@example.com") { id }`,
      "sources { status { reachable } }",
      `node(id: ${JSON.stringify(this.idValue())}) { id }`,
    ]);
    return `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(" ")} }`;
  }

  private hugeVariables(): Record<string, unknown> {
    const roll = this.next();
    if (roll < 0.3) return { v: "x".repeat(100_000 + this.int(800_000)) };
    if (roll < 0.6) {
      let nested: unknown = "leaf";
      for (let i = 0; i < 2000; i++) nested = { n: nested };
      return { v: nested };
    }
    return {
      v: "a@example.com",
      ...Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`k${i}`, i])),
    };
  }

  private wrongContentType(): FuzzCase {
    const query = JSON.stringify({ query: "{ sources { id } }" });
    const [contentType, body] = this.pick([
      ["text/plain", query],
      ["application/x-www-form-urlencoded", `query=${encodeURIComponent("{ sources { id } }")}`],
      [
        "multipart/form-data; boundary=x",
        `--x\r\nContent-Disposition: form-data; name="query"\r\n\r\n{ sources { id } }\r\n--x--`,
      ],
      ["application/graphql", "{ sources { id } }"],
      ["application/json; charset=utf-16", query],
      ["application/xml", "<query/>"],
    ]) as [string, string];
    return { kind: "wrong content type", method: "POST", headers: { "content-type": contentType }, body };
  }

  private get(): FuzzCase {
    const params = new URLSearchParams({
      query: this.operation(this.chance(0.8) ? "query" : "mutation", 1, 3),
    });
    if (this.chance(0.3)) params.set("variables", this.pick(["{", "[]", '{"a":1}', "null"]));
    if (this.chance(0.2)) params.set("operationName", "X");
    const headers: Record<string, string> = this.chance(0.7) ? { "apollo-require-preflight": "1" } : {};
    return { kind: "GET", method: "GET", search: `?${params}`, headers: { ...headers, ...this.key() } };
  }

  private garbage(): string {
    return this.pick([
      "",
      "{",
      "null",
      "[]",
      "42",
      '"query"',
      '{"query": null}',
      '{"query": ["{ sources { id } }"]}',
      '{"query": "{ sources { id } }", "variables": []}',
      '{"query": "{ sources { id } }", "extensions": {"persistedQuery": {"version": 1, "sha256Hash": "0"}}}',
      `{"query": "${"{".repeat(5000)}"}`,
      '{"__proto__": {"polluted": true}, "query": "{ sources { id } }"}',
    ]);
  }
}

/** How one case was answered. `status` 0: the connection failed (the gateway crashed or reset it). */
export interface FuzzOutcome {
  readonly kind: string;
  readonly status: number;
  readonly ms: number;
  readonly code?: string;
}

/** An answer that shows a fault: a 5xx, or a connection the gateway dropped (an oversized body
 *  cut off while arriving is a refusal, not a fault). */
export const isFault = (o: FuzzOutcome): boolean => o.status >= 500 || (o.status === 0 && o.code !== CUT_OFF);

const CUT_OFF = "(refused while the body was arriving)";

export async function runCase(url: string, fuzzCase: FuzzCase, timeoutMs = 60_000): Promise<FuzzOutcome> {
  const started = performance.now();
  try {
    const response = await fetch(`${url}${fuzzCase.search ?? ""}`, {
      method: fuzzCase.method,
      headers: fuzzCase.headers,
      body: fuzzCase.body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    let code: string | undefined;
    try {
      const parsed = JSON.parse(text) as { errors?: Array<{ extensions?: { code?: string } }> };
      code = parsed.errors?.[0]?.extensions?.code;
    } catch {
      code = "(not JSON)";
    }
    return { kind: fuzzCase.kind, status: response.status, ms: performance.now() - started, code };
  } catch (error) {
    return {
      kind: fuzzCase.kind,
      status: 0,
      ms: performance.now() - started,
      code: fuzzCase.oversized ? CUT_OFF : error instanceof Error ? error.name : "error",
    };
  }
}
