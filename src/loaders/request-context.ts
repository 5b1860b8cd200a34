import type { Templates } from "../config/templates-schema.js";
import type { Gateway } from "../gateway.js";
import { ErrorCode, InputError, SourceError } from "../model/errors.js";
import type { Caller } from "../server/callers/caller.js";
import { OperationControl } from "./operation-control.js";
import { SourceSession } from "./source-session.js";

export type ResponsePath = ReadonlyArray<string | number>;

/** A source failure that did not fail the field it happened under (partial results). */
export interface ReportedSourceError {
  readonly error: SourceError;
  readonly path: ResponsePath;
}

export interface RequestSettings {
  /** The largest `first` a list accepts. */
  readonly maxPageSize: number;
  /** False only for the benchmarks' naive baseline (no DataLoader batching or caching). */
  readonly batching?: boolean;
  /** Positions a count may read from a source that reports no total (server.countScanLimit). */
  readonly countScanLimit?: number;
  /** Onboarding templates by name (config `templates`). */
  readonly templates?: Templates;
  /** The staff roster's file (config `review.rosterFile`), when it is kept in one. */
  readonly rosterFile?: string;
}

/** URLs the gateway serves beside GraphQL, made for the caller of this operation. */
export interface RequestLinks {
  /** `/avatars/<id>`, signed for this caller (an `<img src>` sends no Authorization). */
  avatar(userGlobalId: string): string;
}

const UNSIGNED_LINKS: RequestLinks = {
  avatar: (userGlobalId) => `/avatars/${encodeURIComponent(userGlobalId)}`,
};

/** Everything one GraphQL operation shares: who asks, its per-source sessions, its partial failures. */
export class RequestContext {
  private readonly sessions = new Map<string, SourceSession>();
  readonly sourceErrors: ReportedSourceError[] = [];
  /** Cancels the operation's upstream calls (deadline, client gone). */
  readonly control = new OperationControl();

  constructor(
    readonly gateway: Gateway,
    readonly settings: RequestSettings = { maxPageSize: 1000 },
    /** Who is asking (an API key, a token's subject and issuer, their scopes); undefined when
     *  anonymous. Credentials that were refused never reach an operation. */
    readonly caller: Caller | undefined = undefined,
    readonly links: RequestLinks = UNSIGNED_LINKS,
  ) {}

  /** The session of a configured source; `argument` names the input that asked for it. */
  session(sourceId: string, argument = "id"): SourceSession {
    let session = this.sessions.get(sourceId);
    if (!session) {
      const connector = this.gateway.connector(sourceId);
      if (!connector) throw new InputError(`Unknown source "${sourceId}"`, argument);
      session = new SourceSession(connector, { batching: this.settings.batching ?? true });
      this.sessions.set(sourceId, session);
    }
    return session;
  }

  /** The chosen sources in config order (all when none are chosen). Unknown ids are input errors. */
  selectSessions(sourceIds: readonly string[] | null | undefined, argument = "sources"): SourceSession[] {
    if (!sourceIds) return this.gateway.connectors.map((c) => this.session(c.source.id));
    const wanted = new Set(sourceIds);
    for (const id of wanted)
      if (!this.gateway.connector(id)) throw new InputError(`Unknown source "${id}"`, argument);
    return this.gateway.connectors
      .filter((c) => wanted.has(c.source.id))
      .map((c) => this.session(c.source.id));
  }

  /** Record a source failure next to partial data; the response carries it in `errors`. */
  reportSourceError(error: unknown, path: ResponsePath, sourceId: string): void {
    // The calls a cancellation cut short are not the sources' failures.
    if (this.control.signal.aborted) return;
    const sourceError = this.asSourceError(error, sourceId);
    // What a source cannot do at all (UNSUPPORTED_BY_SOURCE) is said once per operation, at the
    // first place it came up, however many records ask (every user's groups, say).
    const once = sourceError.code === ErrorCode.UNSUPPORTED_BY_SOURCE;
    const duplicate = this.sourceErrors.some(
      (e) =>
        e.error.sourceId === sourceError.sourceId &&
        e.error.message === sourceError.message &&
        (once || samePath(e.path, path)),
    );
    if (!duplicate) this.sourceErrors.push({ error: sourceError, path });
  }

  /** A source's failure as the response reports it: a SourceError, or an unexpected one named so. */
  asSourceError(error: unknown, sourceId: string): SourceError {
    if (error instanceof SourceError) return error;
    return new SourceError(`Source "${sourceId}" failed unexpectedly`, {
      code: ErrorCode.SOURCE_UNAVAILABLE,
      sourceId,
      vendor: this.gateway.connector(sourceId)?.source.vendor ?? "unknown",
    });
  }

  /** Forget every cached read (after a mutation). */
  clearCaches(): void {
    for (const session of this.sessions.values()) session.clear();
  }
}

function samePath(a: ResponsePath, b: ResponsePath): boolean {
  return a.length === b.length && a.every((p, i) => p === b[i]);
}
