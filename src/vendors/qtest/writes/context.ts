import { NotFoundError } from "../../../model/errors.js";
import type { QTestClient } from "../client.js";
import type { SharedReads } from "../reads.js";

/** What every qTest writer needs: the client, the request-shared reads and the source's names. */
export interface WriteContext {
  readonly client: QTestClient;
  readonly reads: SharedReads;
  readonly sourceId: string;
  readonly vendor: string;
  /** The site root (`baseUrl`), for project URLs. */
  readonly siteUrl: string;
}

/** qTest ids are int64 (v3 swagger): anything else names nothing, and costs no call. */
export const isQTestId = (id: string): boolean => /^\d+$/.test(id);

export function notFound(ctx: WriteContext, what: "User" | "Project" | "Group", id: string): NotFoundError {
  return new NotFoundError(ctx.sourceId, ctx.vendor, what, id);
}
