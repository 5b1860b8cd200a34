/**
 * `GET /audit/export?format=jsonl|csv&…filters`: the audit trail for auditors, streamed — the store
 * is read a page at a time and each page written before the next is read, so an export of any
 * size holds one page in memory. It takes the credentials a GraphQL read takes, and the filters
 * `auditEvents(filter:)` takes (the same reader: audit-filter.ts), oldest event first.
 */
import { Readable } from "node:stream";
import { stringify } from "csv-stringify";
import type { FastifyInstance, FastifyReply, preHandlerAsyncHookHandler } from "fastify";
import { ErrorCode, InputError } from "../model/errors.js";
import type { AuditEvent, AuditFilter, AuditStore } from "../store/store.js";
import { AUDIT_FILTER_KEYS, type AuditFilterFields, auditFilterOf } from "./audit-filter.js";
import { type AuditEventView, EVENT_COLUMNS, eventView } from "./event-view.js";

export const AUDIT_EXPORT_PATH = "/audit/export";

/** Events read from the store per page. */
const PAGE = 500;

const FORMATS = {
  jsonl: { type: "application/x-ndjson; charset=utf-8", extension: "jsonl" },
  csv: { type: "text/csv; charset=utf-8", extension: "csv" },
} as const;
type Format = keyof typeof FORMATS;

const KNOWN: ReadonlySet<string> = new Set(["format", ...AUDIT_FILTER_KEYS]);

/** The query string as the export reads it: each key once, each one known. */
function readQuery(query: Record<string, unknown>): { format: Format; filter: AuditFilter } {
  for (const [key, value] of Object.entries(query)) {
    if (!KNOWN.has(key))
      throw new InputError(`Unknown parameter \`${key}\` (one of: ${[...KNOWN].join(", ")})`, key);
    if (typeof value !== "string") throw new InputError(`\`${key}\` is given more than once`, key);
  }
  const format = (query.format ?? "jsonl") as string;
  if (!(format in FORMATS))
    throw new InputError(`\`format\` must be jsonl or csv, not "${format}"`, "format");
  return { format: format as Format, filter: auditFilterOf(query as AuditFilterFields, (key) => key) };
}

/** Every matching event, a page at a time, starting with the page already read. */
async function* events(audit: AuditStore, filter: AuditFilter, first: AuditEvent[]) {
  let page = first;
  for (;;) {
    for (const event of page) yield eventView(event);
    if (page.length < PAGE) return;
    page = await audit.list(filter, { first: PAGE, after: page.at(-1)?.id });
  }
}

async function* jsonLines(views: AsyncIterable<AuditEventView>) {
  for await (const view of views) yield `${JSON.stringify(view)}\n`;
}

/**
 * CSV by csv-stringify (RFC 4180: a field holding a comma, a quote or a line break is quoted, its
 * quotes doubled), one header row, JSON in the before/after columns. A field a spreadsheet would
 * run as a formula (starting with =, +, -, @) is prefixed with a quote: names come from vendors.
 */
function csvRows(views: AsyncIterable<AuditEventView>): NodeJS.ReadableStream {
  const csv = stringify({
    header: true,
    columns: [...EVENT_COLUMNS],
    escape_formulas: true,
    cast: {
      date: (d) => d.toISOString(),
      boolean: (b) => String(b),
      object: (o) => JSON.stringify(o),
    },
  });
  const rows = Readable.from(views);
  rows.on("error", (error) => csv.destroy(error));
  return rows.pipe(csv);
}

function refuse(reply: FastifyReply, status: number, code: ErrorCode, message: string, field?: string) {
  return reply
    .code(status)
    .type("application/json; charset=utf-8")
    .send({ error: message, code, ...(field !== undefined && { field }) });
}

export function registerAuditExport(
  app: FastifyInstance,
  audit: AuditStore,
  readersOnly: preHandlerAsyncHookHandler,
): void {
  app.get(AUDIT_EXPORT_PATH, { preHandler: readersOnly }, async (request, reply) => {
    let asked: ReturnType<typeof readQuery>;
    try {
      asked = readQuery(request.query as Record<string, unknown>);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      return refuse(reply, 400, ErrorCode.BAD_USER_INPUT, error.message, error.field);
    }
    // The first page is read before anything is sent, so a store that can't be read is a clean
    // 503; one that fails later cuts the download short (the client sees it unfinished).
    let first: AuditEvent[];
    try {
      first = await audit.list(asked.filter, { first: PAGE });
    } catch (error) {
      request.log.error({ err: error }, "the audit trail could not be read for an export");
      return refuse(
        reply,
        503,
        ErrorCode.AUDIT_UNAVAILABLE,
        "The audit trail can't be read now; try again later",
      );
    }
    const { type, extension } = FORMATS[asked.format];
    const views = events(audit, asked.filter, first);
    const body = asked.format === "csv" ? csvRows(views) : Readable.from(jsonLines(views));
    body.on("error", (error) => request.log.error({ err: error }, "an audit export was cut short"));
    const stamp = new Date().toISOString().replace(/[:.]/g, "-");
    return reply
      .type(type)
      .header("content-disposition", `attachment; filename="rollcall-audit-${stamp}.${extension}"`)
      .header("cache-control", "no-store")
      .send(body);
  });
}
