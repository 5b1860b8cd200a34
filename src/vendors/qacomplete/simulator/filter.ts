/**
 * A working subset of QAComplete's `Filter=` expression language (…/reference/filters.html):
 *
 *   condition  := Field op literal | Field [not] in {lit, …} | Field is [not] (empty | literal)
 *   op         := = | != | > | < | >= | <= | ~        (~ = "contains", strings only)
 *   expression := condition, joined with AND / OR / NOT and parentheses (NOT > AND > OR)
 *   literal    := 123 | 'text' (a quote inside doubled) | true | false
 *
 * Spelled as filters.html spells it, and only so: field names in the entity's PascalCase, the
 * connectives AND, OR, NOT in capitals (its example `(UserId = 1254) OR (SecurityGroup is not
 * 'Security Admin')`), `in`, `not in`, `is [not]`, `empty` and `true`/`false` in lower case. The
 * page doesn't say other spellings work, so the simulator refuses them on purpose. String
 * comparisons ignore case [I] (SQL Server's default collation). Anything else is a FilterError,
 * which the routes answer with 400.
 */

export type FieldType = "number" | "string" | "boolean" | "date";

/** PascalCase filter name -> the stored (snake_case) key and its type. */
export type FieldTable = Readonly<Record<string, { readonly key: string; readonly type: FieldType }>>;

/** A stored row (any object); fields are read by their stored key. */
export type Row = object;
export type Predicate = (row: Row) => boolean;

export class FilterError extends Error {}

type Literal = string | number | boolean;

type Token =
  | { kind: "word"; text: string }
  | { kind: "string"; value: string }
  | { kind: "number"; value: number }
  | { kind: "op"; text: string }
  | { kind: "punct"; text: "(" | ")" | "{" | "}" | "," };

const OPS = ["!=", ">=", "<=", "=", ">", "<", "~"];

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source.charAt(i);
    if (/\s/.test(c)) {
      i += 1;
    } else if ("(){},".includes(c)) {
      tokens.push({ kind: "punct", text: c as "(" | ")" | "{" | "}" | "," });
      i += 1;
    } else if (c === "'") {
      let value = "";
      i += 1;
      for (;;) {
        if (i >= source.length) throw new FilterError("unterminated string literal");
        if (source[i] === "'") {
          if (source[i + 1] === "'") {
            value += "'";
            i += 2;
            continue;
          }
          i += 1;
          break;
        }
        value += source[i];
        i += 1;
      }
      tokens.push({ kind: "string", value });
    } else if (/[-\d]/.test(c)) {
      const match = /^-?\d+(\.\d+)?/.exec(source.slice(i));
      if (!match) throw new FilterError(`unexpected "${c}" at ${i}`);
      tokens.push({ kind: "number", value: Number(match[0]) });
      i += match[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(i)) as RegExpExecArray;
      tokens.push({ kind: "word", text: match[0] });
      i += match[0].length;
    } else {
      const op = OPS.find((o) => source.startsWith(o, i));
      if (!op) throw new FilterError(`unexpected "${c}" at ${i}`);
      tokens.push({ kind: "op", text: op });
      i += op.length;
    }
  }
  return tokens;
}

const lower = (v: unknown) => String(v).toLowerCase();
const read = (row: Row, key: string): unknown => (row as Record<string, unknown>)[key];

function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || value === "";
}

function equal(a: unknown, b: Literal): boolean {
  if (typeof a === "string" && typeof b === "string") return a.toLowerCase() === b.toLowerCase();
  return a === b;
}

function compare(a: unknown, b: Literal, op: string): boolean {
  if (isEmpty(a)) return false;
  const left = typeof a === "string" ? a.toLowerCase() : (a as number);
  const right = typeof b === "string" ? b.toLowerCase() : b;
  if (op === ">") return left > right;
  if (op === "<") return left < right;
  if (op === ">=") return left >= right;
  return left <= right;
}

class Parser {
  private pos = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly fields: FieldTable,
  ) {}

  parse(): Predicate {
    const predicate = this.or();
    if (this.pos < this.tokens.length) throw new FilterError(`unexpected ${this.describe(this.peek())}`);
    return predicate;
  }

  private peek(): Token | undefined {
    return this.tokens[this.pos];
  }

  private describe(token: Token | undefined): string {
    if (!token) return "end of expression";
    if (token.kind === "string") return `'${token.value}'`;
    if (token.kind === "number") return String(token.value);
    return `"${token.text}"`;
  }

  /** A keyword, exactly as filters.html spells it (AND, OR, NOT; in, not, is, empty). */
  private keyword(word: string): boolean {
    const token = this.peek();
    if (token?.kind === "word" && token.text === word) {
      this.pos += 1;
      return true;
    }
    return false;
  }

  private punct(text: string): boolean {
    const token = this.peek();
    if (token?.kind === "punct" && token.text === text) {
      this.pos += 1;
      return true;
    }
    return false;
  }

  private expect(text: string): void {
    if (!this.punct(text))
      throw new FilterError(`expected "${text}" but found ${this.describe(this.peek())}`);
  }

  private or(): Predicate {
    const parts = [this.and()];
    while (this.keyword("OR")) parts.push(this.and());
    return parts.length === 1 ? (parts[0] as Predicate) : (row) => parts.some((p) => p(row));
  }

  private and(): Predicate {
    const parts = [this.not()];
    while (this.keyword("AND")) parts.push(this.not());
    return parts.length === 1 ? (parts[0] as Predicate) : (row) => parts.every((p) => p(row));
  }

  private not(): Predicate {
    if (this.keyword("NOT")) {
      const inner = this.not();
      return (row) => !inner(row);
    }
    if (this.punct("(")) {
      const inner = this.or();
      this.expect(")");
      return inner;
    }
    return this.condition();
  }

  private field(): { key: string; type: FieldType; name: string } {
    const token = this.peek();
    if (token?.kind !== "word")
      throw new FilterError(`expected a field name but found ${this.describe(token)}`);
    this.pos += 1;
    const name = token.text;
    const field = Object.hasOwn(this.fields, name) ? this.fields[name] : undefined;
    if (!field) throw new FilterError(`unknown field "${name}"`);
    return { ...field, name };
  }

  private literal(type: FieldType, name: string): Literal {
    const token = this.peek();
    this.pos += 1;
    if (type === "number" && token?.kind === "number") return token.value;
    if ((type === "string" || type === "date") && token?.kind === "string") return token.value;
    if (type === "boolean" && token?.kind === "word" && /^(true|false)$/.test(token.text))
      return token.text === "true";
    throw new FilterError(`${this.describe(token)} is not a valid ${type} value for ${name}`);
  }

  private condition(): Predicate {
    const { key, type, name } = this.field();
    if (this.keyword("is")) {
      const negate = this.keyword("not");
      if (this.keyword("empty")) return (row) => isEmpty(read(row, key)) !== negate;
      // The doc's own example reads `SecurityGroup is not 'Security Admin'`: is = equals.
      const value = this.literal(type, name);
      return (row) => equal(read(row, key), value) !== negate;
    }
    const negateIn = this.keyword("not");
    if (this.keyword("in")) {
      this.expect("{");
      const values: Literal[] = [this.literal(type, name)];
      while (this.punct(",")) values.push(this.literal(type, name));
      this.expect("}");
      const set = new Set(values.map((v) => (typeof v === "string" ? v.toLowerCase() : v)));
      return (row) => {
        const value = read(row, key);
        const probe = typeof value === "string" ? value.toLowerCase() : value;
        return set.has(probe as Literal) !== negateIn;
      };
    }
    if (negateIn) throw new FilterError(`expected "in" after "not" for ${name}`);
    const token = this.peek();
    if (token?.kind !== "op") throw new FilterError(`expected an operator after ${name}`);
    this.pos += 1;
    const op = token.text;
    if (op === "~" && type !== "string") throw new FilterError(`"~" applies to string fields, not ${name}`);
    if (type === "boolean" && op !== "=" && op !== "!=")
      throw new FilterError(`"${op}" does not apply to the boolean field ${name}`);
    const value = this.literal(type, name);
    if (op === "=") return (row) => equal(read(row, key), value);
    if (op === "!=") return (row) => !equal(read(row, key), value);
    if (op === "~") {
      const needle = lower(value);
      return (row) => typeof read(row, key) === "string" && lower(read(row, key)).includes(needle);
    }
    return (row) => compare(read(row, key), value, op);
  }
}

/** Compiles an expression once per request; the predicate then costs O(1) per row. */
export function compileFilter(expression: string, fields: FieldTable): Predicate {
  const tokens = tokenize(expression);
  if (tokens.length === 0) return () => true;
  return new Parser(tokens, fields).parse();
}
