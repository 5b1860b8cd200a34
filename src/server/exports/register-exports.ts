/**
 * `/exports/…` for access reviews: the access matrix of a snapshot, the changes between two, and a
 * finding's accounts, each as `.csv` or `.json`, streamed from the store a page at a time. The same
 * credentials as a GraphQL read (the audit export's guard); bad parameters are a 400 naming the
 * parameter, before anything is streamed. Which snapshot was used and which sources' parts were
 * missing are in response headers (`x-rollcall-snapshot`, `-from`, `-to`, `x-rollcall-incomplete-sources`).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from "fastify";
import type { Gateway } from "../../gateway.js";
import { ChangeKind, ChangeOrigin } from "../../history/changes/access-change.js";
import { comparisonOf, eachChange } from "../../history/changes/access-changes.js";
import { FindingKind } from "../../history/findings/finding.js";
import { eachFinding, findingsScope, unjudgeable } from "../../history/findings/findings.js";
import { RosterFileError, syncRosterFile } from "../../history/roster/roster-file.js";
import { SnapshotTrigger } from "../../history/snapshot.js";
import { takeSnapshot } from "../../history/take-snapshot.js";
import { ErrorCode, InputError } from "../../model/errors.js";
import { personKeyOfFilter } from "../../schema/review/review-person.js";
import { exportBody, FORMATS, type Format, type Row } from "./export-body.js";
import {
  ACCESS_COLUMNS,
  accessRows,
  CHANGE_COLUMNS,
  changeRow,
  FINDING_COLUMNS,
  findingRow,
} from "./export-rows.js";

export const EXPORTS_PATH = "/exports";

/** Accounts read from the store per page of the access matrix. */
const PAGE = 500;

type Query = Record<string, string | undefined>;

/** The query string: only known keys, each once. */
function readQuery(raw: unknown, known: readonly string[]): Query {
  const query: Query = {};
  for (const [key, value] of Object.entries((raw ?? {}) as Record<string, unknown>)) {
    if (!known.includes(key))
      throw new InputError(`Unknown parameter \`${key}\` (one of: ${known.join(", ")})`, key);
    if (typeof value !== "string") throw new InputError(`\`${key}\` is given more than once`, key);
    query[key] = value === "" ? undefined : value;
  }
  return query;
}

/** A comma-separated list, or undefined. */
const listOf = (value: string | undefined) =>
  value === undefined
    ? undefined
    : value
        .split(",")
        .map((v) => v.trim())
        .filter(Boolean);

function enumValues<T extends string>(
  values: Record<string, T>,
  value: string | undefined,
  field: string,
): T[] | undefined {
  const list = listOf(value);
  if (!list) return undefined;
  const allowed = Object.values(values);
  for (const v of list)
    if (!allowed.includes(v as T))
      throw new InputError(`\`${field}\` must name values of ${allowed.join(", ")}, not "${v}"`, field);
  return list as T[];
}

function refuse(reply: FastifyReply, status: number, code: ErrorCode, message: string, field?: string) {
  return reply
    .code(status)
    .type("application/json; charset=utf-8")
    .send({ error: message, code, ...(field !== undefined && { field }) });
}

interface Prepared {
  readonly name: string;
  readonly columns: readonly string[];
  readonly rows: AsyncIterable<Row>;
  readonly headers: Record<string, string>;
}

export interface ExportOptions {
  readonly rosterFile?: string;
}

export function registerExports(
  app: FastifyInstance,
  gateway: Gateway,
  readersOnly: preHandlerAsyncHookHandler,
  options: ExportOptions = {},
): void {
  const store = gateway.store;

  const access = async (request: FastifyRequest): Promise<Prepared> => {
    const q = readQuery(request.query, ["snapshot", "sources"]);
    const scope = await findingsScope(store, { snapshotId: q.snapshot, sourceIds: listOf(q.sources) });
    const snapshot = scope.snapshot.id;
    async function* rows(): AsyncGenerator<Row> {
      let after: { sourceId: string; remoteId: string } | null = null;
      for (;;) {
        const page = await store.review.matrix(snapshot, { sourceIds: scope.sourceIds, after, limit: PAGE });
        for (const account of page) yield* accessRows(snapshot, account);
        const last = page.at(-1);
        if (!last || page.length < PAGE) return;
        after = { sourceId: last.sourceId, remoteId: last.remoteId };
      }
    }
    return {
      name: "access",
      columns: ACCESS_COLUMNS,
      rows: rows(),
      headers: {
        "x-rollcall-snapshot": snapshot,
        "x-rollcall-incomplete-sources": scope.incompleteSources.join(","),
      },
    };
  };

  const changes = async (request: FastifyRequest): Promise<Prepared> => {
    const q = readQuery(request.query, ["from", "to", "sources", "kinds", "person", "origin"]);
    if (q.from === undefined) throw new InputError("`from` (a snapshot id) is required", "from");
    const origin = enumValues(ChangeOrigin, q.origin, "origin");
    if (origin && origin.length > 1) throw new InputError("`origin` takes one value", "origin");
    const changeRequest = {
      from: q.from,
      to: q.to ?? "",
      sourceIds: listOf(q.sources),
      kinds: enumValues(ChangeKind, q.kinds, "kinds"),
      personKey: personKeyOfFilter(q.person, "person"),
      origin: origin?.[0],
    };
    await comparisonOf(store, { from: q.from, to: q.from });
    if (q.to === undefined) {
      const caller =
        request.authentication.kind === "caller" ? request.authentication.caller.id : "anonymous";
      changeRequest.to = (
        await takeSnapshot(gateway, store, {
          trigger: SnapshotTrigger.COMPARISON,
          takenBy: caller,
          sourceIds: changeRequest.sourceIds ?? null,
          sourcesField: "sources",
        })
      ).id;
    }
    const comparison = await comparisonOf(store, changeRequest);
    const { from, to } = comparison;
    async function* rows(): AsyncGenerator<Row> {
      for await (const change of eachChange(store.review, comparison, changeRequest))
        yield changeRow(from.id, to.id, change);
    }
    return {
      name: "changes",
      columns: CHANGE_COLUMNS,
      rows: rows(),
      headers: {
        "x-rollcall-from": from.id,
        "x-rollcall-to": to.id,
        "x-rollcall-incomplete-sources": comparison.incompleteSources.join(","),
      },
    };
  };

  const findings = async (request: FastifyRequest): Promise<Prepared> => {
    const q = readQuery(request.query, ["kind", "snapshot", "dormantDays", "sources", "person"]);
    if (q.kind === undefined)
      throw new InputError(`\`kind\` is required (one of ${Object.values(FindingKind).join(", ")})`, "kind");
    const [kind] = enumValues(FindingKind, q.kind, "kind") ?? [];
    if (!kind || q.kind.includes(",")) throw new InputError("`kind` takes one value", "kind");
    let dormantDays: number | undefined;
    if (q.dormantDays !== undefined) {
      if (!/^\d{1,6}$/.test(q.dormantDays))
        throw new InputError("`dormantDays` must be a whole number of days", "dormantDays");
      dormantDays = Number(q.dormantDays);
    }
    const personKey = personKeyOfFilter(q.person, "person");
    if (kind === FindingKind.NOT_IN_ROSTER && options.rosterFile)
      await syncRosterFile(store, gateway.trail, options.rosterFile);
    const scope = await findingsScope(store, {
      snapshotId: q.snapshot,
      dormantDays,
      sourceIds: listOf(q.sources),
    });
    const why = await unjudgeable(store.review, kind);
    if (why) throw new InputError(why, "kind");
    const snapshot = scope.snapshot.id;
    async function* rows(): AsyncGenerator<Row> {
      for await (const finding of eachFinding(store.review, scope, { kind: kind as FindingKind, personKey }))
        yield findingRow(snapshot, finding);
    }
    return {
      name: `findings-${kind.toLowerCase().replace(/_/g, "-")}`,
      columns: FINDING_COLUMNS,
      rows: rows(),
      headers: {
        "x-rollcall-snapshot": snapshot,
        "x-rollcall-incomplete-sources": scope.incompleteSources.join(","),
      },
    };
  };

  const routes = { access, changes, findings } as const;
  for (const [name, prepare] of Object.entries(routes))
    for (const format of Object.keys(FORMATS) as Format[])
      app.get(`${EXPORTS_PATH}/${name}.${format}`, { preHandler: readersOnly }, async (request, reply) => {
        let prepared: Prepared;
        try {
          prepared = await prepare(request);
        } catch (error) {
          if (error instanceof InputError)
            return refuse(reply, 400, ErrorCode.BAD_USER_INPUT, error.message, error.field);
          if (error instanceof RosterFileError)
            return refuse(reply, 500, ErrorCode.INTERNAL_SERVER_ERROR, error.message);
          request.log.error({ err: error }, `the ${name} export could not start`);
          return refuse(
            reply,
            503,
            ErrorCode.INTERNAL_SERVER_ERROR,
            "The store can't be read now; try again later",
          );
        }
        const body = exportBody(format, prepared.columns, prepared.rows);
        body.on("error", (error) => request.log.error({ err: error }, `the ${name} export was cut short`));
        const stamp = new Date().toISOString().replace(/[:.]/g, "-");
        return reply
          .type(FORMATS[format])
          .headers(prepared.headers)
          .header(
            "content-disposition",
            `attachment; filename="rollcall-${prepared.name}-${stamp}.${format}"`,
          )
          .header("cache-control", "no-store")
          .send(body);
      });
}
