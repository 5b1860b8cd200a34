/**
 * The credentials a source holds and sends, and the scrub that takes every form of them out of
 * text before it leaves Rollcall: a vendor's error may echo the token it refused, the Basic header
 * it was sent or the login form it could not read, and whatever it echoes, none of it may reach a
 * client or a log (README, "Errors").
 */

export const REDACTED = "[redacted]";

/**
 * Secrets shorter than this are scrubbed only where they stand alone — not touching a letter or a
 * digit on either side — because a short string occurs inside ordinary words: blanking every
 * "demo" of a password "demo" would blank "demonstrate" too. An echo always sets a value off
 * (`password=demo&`, `"demo"`, `user:demo`), so an echoed short secret is still caught.
 */
const SHORT_SECRET = 8;

/**
 * A vendor that shortens its own message may cut a secret: a piece this long of the start of a
 * secret, ending where the text ends or at an ellipsis (or of its end, after one), is scrubbed too.
 */
const MIN_FRAGMENT = 8;

/** Values learned at run time (a login's token and the header made of it) that stay scrubbed after
 *  they are replaced: the last few logins' worth. */
export const LEARNED_KEPT = 32;

const ELLIPSIS = /\.\.\.|…/g;

const jsonEscape = (s: string) => JSON.stringify(s).slice(1, -1);
const hex4 = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;

/**
 * Every way a secret can be written in text Rollcall reads: as it is; URL-encoded (as a path or
 * query part, strictly per RFC 3986, or as a form field); HTML-escaped; and each of those
 * JSON-escaped — plainly, with `\/` (PHP), with HTML-sensitive and non-ASCII characters as `\uXXXX`
 * (.NET), and twice (a JSON body quoted inside a JSON message).
 */
export function formsOf(secret: string): string[] {
  const encoded = [
    secret,
    encodeURIComponent(secret),
    encodeURIComponent(secret).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`),
    new URLSearchParams({ s: secret }).toString().slice(2),
    secret
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;")
      .replace(/'/g, "&#39;"),
  ];
  const forms = encoded.flatMap((text) => [
    text,
    jsonEscape(text),
    jsonEscape(text).replace(/\//g, "\\/"),
    jsonEscape(text).replace(/[<>&'+`]|[^\x20-\x7e]/g, hex4),
    jsonEscape(jsonEscape(text)),
  ]);
  return [...new Set(forms)].filter((form) => form.length > 0);
}

const HEX_ONLY = /^[0-9a-f-]+$/i;

/**
 * The literal strings a secret is looked for as. Escapes' hex digits come in either case (encoders
 * differ: `%2f`/`%2F`, `\u00e9`/`\u00E9`), and so does a secret of hex digits and dashes as a whole
 * (a UUID token's case carries no meaning). Base64 and every other token stay case-sensitive:
 * there, case is part of the value.
 */
function variantsOf(secret: string): string[] {
  const variants = formsOf(secret).flatMap((form) => [
    form,
    form.replace(/%[0-9A-F]{2}/g, (code) => code.toLowerCase()),
    form.replace(/\\u[0-9a-f]{4}/g, (code) => `\\u${code.slice(2).toUpperCase()}`),
  ]);
  const cased = HEX_ONLY.test(secret)
    ? variants.flatMap((v) => [v, v.toLowerCase(), v.toUpperCase()])
    : variants;
  return [...new Set(cased)];
}

interface Form {
  readonly text: string;
  /** A short secret's form counts only where it stands alone. */
  readonly alone: boolean;
}

interface Compiled {
  readonly forms: readonly Form[];
  readonly longest: number;
}

function compile(secrets: Iterable<string>): Compiled {
  const forms: Form[] = [];
  for (const secret of secrets)
    for (const text of variantsOf(secret)) forms.push({ text, alone: secret.length < SHORT_SECRET });
  return { forms, longest: forms.reduce((n, f) => Math.max(n, f.text.length), 0) };
}

const WORD_CHAR = /[\p{L}\p{N}]/u;
const standsAlone = (text: string, start: number, end: number) =>
  !WORD_CHAR.test(text.charAt(start - 1)) && !WORD_CHAR.test(text.charAt(end));

type Span = [start: number, end: number];

/** Where each form occurs, overlapping occurrences included; with `first`, stops at the first. */
function occurrences(text: string, forms: readonly Form[], first = false): Span[] {
  const spans: Span[] = [];
  for (const { text: form, alone } of forms)
    for (let at = text.indexOf(form); at >= 0; at = text.indexOf(form, at + 1)) {
      if (alone && !standsAlone(text, at, at + form.length)) continue;
      spans.push([at, at + form.length]);
      if (first) return spans;
    }
  return spans;
}

/**
 * Pieces of secrets cut short: the start of a form (at least `min` long) that ends at a `cut`, and
 * the end of a form that begins at a `resume`. The longest piece wins.
 */
function fragments(
  text: string,
  forms: readonly Form[],
  cuts: readonly number[],
  resumes: readonly number[],
  min: number,
): Span[] {
  const spans: Span[] = [];
  for (const { text: form } of forms) {
    const head = form.charCodeAt(0);
    for (const cut of cuts)
      for (let from = Math.max(0, cut - form.length + 1); from <= cut - min; from++)
        if (text.charCodeAt(from) === head && form.startsWith(text.slice(from, cut))) {
          spans.push([from, cut]);
          break;
        }
    for (const at of resumes) {
      const first = text.charCodeAt(at);
      for (let from = Math.max(1, form.length - (text.length - at)); from <= form.length - min; from++)
        if (form.charCodeAt(from) === first && text.startsWith(form.slice(from), at)) {
          spans.push([at, at + form.length - from]);
          break;
        }
    }
  }
  return spans;
}

function redact(text: string, spans: Span[]): string {
  if (spans.length === 0) return text;
  spans.sort((a, b) => a[0] - b[0]);
  let out = "";
  let at = 0;
  let open: Span | null = null;
  for (const span of spans) {
    if (open && span[0] <= open[1]) {
      open[1] = Math.max(open[1], span[1]);
      continue;
    }
    if (open) {
      out += text.slice(at, open[0]) + REDACTED;
      at = open[1];
    }
    open = [span[0], span[1]];
  }
  if (open) {
    out += text.slice(at, open[0]) + REDACTED;
    at = open[1];
  }
  return out + text.slice(at);
}

/**
 * One source's secrets (or, for the logger, every source's). Configured ones stay for good; tokens
 * learned at run time — obtained by logging in, replaced on renewal — are kept among the last few,
 * since a replaced token is no longer sent. Every value is forwarded to the sets this one feeds.
 */
export class SecretSet {
  private readonly fixed = new Set<string>();
  private learned: string[] = [];
  private readonly feeds: SecretSet[] = [];
  private compiled: Compiled | null = null;

  constructor(private readonly learnedKept = LEARNED_KEPT) {}

  /** Secrets that stay (configured passwords, tokens and keys, and what is derived from them). */
  add(...values: ReadonlyArray<string | undefined>): this {
    for (const value of values) {
      if (!value || this.fixed.has(value)) continue;
      this.fixed.add(value);
      this.compiled = null;
      for (const feed of this.feeds) feed.add(value);
    }
    return this;
  }

  /** A secret obtained at run time (a login's token): scrubbed until LEARNED_KEPT newer ones came. */
  learn(...values: ReadonlyArray<string | undefined>): this {
    for (const value of values) {
      if (!value || this.fixed.has(value)) continue;
      this.learned = [...this.learned.filter((v) => v !== value), value].slice(-this.learnedKept);
      this.compiled = null;
      for (const feed of this.feeds) feed.learn(value);
    }
    return this;
  }

  /** A set holding this one's secrets and `values` too (a request's own secrets, like the password
   *  a new account is created with). */
  with(values: readonly string[]): SecretSet {
    const combined = new SecretSet(this.learnedKept).add(...this.fixed, ...values);
    return combined.learn(...this.learned);
  }

  /** Sends every secret this set holds, and every later one, to `other` as well. */
  feed(other: SecretSet): this {
    this.feeds.push(other);
    other.add(...this.fixed);
    other.learn(...this.learned);
    return this;
  }

  private get patterns(): Compiled {
    this.compiled ??= compile([...this.fixed, ...this.learned]);
    return this.compiled;
  }

  /** Whether `text` shows any form of any secret. */
  mentions(text: string): boolean {
    return occurrences(text, this.patterns.forms, true).length > 0;
  }

  /** `text` with every form of every secret replaced by REDACTED. */
  scrub(text: string): string {
    return redact(text, occurrences(text, this.patterns.forms));
  }

  /**
   * A vendor's own words, scrubbed and then cut to `limit` characters — scrubbed first, so the cut
   * never leaves the start of a secret behind. A piece of a secret the vendor itself cut short
   * (ending the text or before an ellipsis) is scrubbed too. Only the part that can show is read.
   */
  vendorText(text: string, limit: number): string {
    const { forms, longest } = this.patterns;
    if (forms.length === 0) return text.slice(0, limit);
    const window = limit + longest;
    const ours = text.length > window;
    const read = ours ? text.slice(0, window) : text;
    const cuts: number[] = [];
    const resumes = [0];
    for (const match of read.matchAll(ELLIPSIS)) {
      cuts.push(match.index);
      resumes.push(match.index + match[0].length);
    }
    if (!ours) cuts.push(read.length);
    const spans = [...occurrences(read, forms), ...fragments(read, forms, cuts, resumes, MIN_FRAGMENT)];
    // Where Rollcall cut, whatever starts a secret goes, however short: the rest of it was cut away.
    if (ours) spans.push(...fragments(read, forms, [read.length], [], 1));
    const scrubbed = redact(read, spans);
    if (scrubbed.length <= limit) return scrubbed;
    // A marker the limit cuts in two is kept whole: "[redac" reads like a fault.
    const cut = scrubbed.slice(0, limit);
    const open = cut.lastIndexOf("[");
    const halved = open >= 0 && REDACTED.startsWith(cut.slice(open)) && scrubbed.startsWith(REDACTED, open);
    return halved ? cut.slice(0, open) + REDACTED : cut;
  }
}
