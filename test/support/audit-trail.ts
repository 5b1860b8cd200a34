import type { GatewayHarness, GraphQLResponse } from "./gateway-harness.js";

/** An audit event as `auditEvents` answers it (every field). */
export interface AuditEventJson {
  id: string;
  at: string;
  caller: string;
  operation: string;
  source: string;
  target: string;
  person: string | null;
  action: string;
  before: unknown;
  after: unknown;
  outcome: string;
  code: string | null;
  message: string | null;
  vendorStatus: number | null;
  settled: boolean;
  answeredAt: string | null;
  plan: string | null;
  step: string | null;
}

export const AUDIT_EVENT_FIELDS =
  "id at caller operation source target person action before after outcome code message vendorStatus settled answeredAt plan step";

const AUDIT_EVENTS = `query ($filter: AuditFilterInput, $first: Int, $after: String) {
  auditEvents(filter: $filter, first: $first, after: $after) {
    pageInfo { hasNextPage endCursor }
    nodes { ${AUDIT_EVENT_FIELDS} }
  }
}`;

interface AuditEventsAnswer {
  auditEvents: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: AuditEventJson[] };
}

/** Every event matching `filter`, read page by page with the harness's read key. */
export function auditEvents(
  gw: GatewayHarness,
  filter: Record<string, unknown> = {},
): Promise<AuditEventJson[]> {
  return auditEventsVia(async <T>(query: string, variables: Record<string, unknown>) => {
    const { data, errors }: GraphQLResponse<T> = await gw.gql<T>(query, variables, {
      authorization: `Bearer ${gw.keys.read}`,
    });
    if (errors) throw new Error(`auditEvents failed: ${JSON.stringify(errors)}`);
    return data as T;
  }, filter);
}

/** Asks one GraphQL operation of a Rollcall (a harness, a replica process): its data, or a throw. */
export type AskRollcall = <T>(query: string, variables: Record<string, unknown>) => Promise<T>;

/** Every event matching `filter`, read page by page through `ask`. */
export async function auditEventsVia(
  ask: AskRollcall,
  filter: Record<string, unknown> = {},
): Promise<AuditEventJson[]> {
  const events: AuditEventJson[] = [];
  let after: string | null = null;
  for (;;) {
    const { auditEvents }: AuditEventsAnswer = await ask<AuditEventsAnswer>(AUDIT_EVENTS, {
      filter,
      first: 100,
      after,
    });
    events.push(...auditEvents.nodes);
    if (!auditEvents.pageInfo.hasNextPage) return events;
    after = auditEvents.pageInfo.endCursor;
  }
}

/** Requests that could change something (every method but GET) a simulator received since its log was cleared. */
export function writesReceived(gw: GatewayHarness, sourceId: string): number {
  return gw.sims
    .get(sourceId)!
    .log.list()
    .filter((e) => e.method !== "GET" && !e.public).length;
}

/**
 * RFC 4180 rows, read independently of the writer under test: fields separated by commas, a field
 * in double quotes may hold commas, line breaks and doubled quotes; records end with CRLF or LF.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === "") quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n" || (c === "\r" && text[i + 1] === "\n")) {
      if (c === "\r") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += c;
  }
  if (field !== "" || row.length > 0) rows.push([...row, field]);
  return rows;
}
