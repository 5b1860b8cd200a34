import type { ProjectRecord, UserRecord } from "../../../model/records.js";
import type { BatchResult, RequestScope } from "../../connector.js";
import type { QacClient, Range } from "../client.js";
import type { QacList, RawDept } from "../raw-types.js";

/** What the writers share with the read side of one connector. */
export interface QacWriteContext {
  readonly sourceId: string;
  readonly vendor: string;
  /** The configured department: every write goes through `/depts/{DeptId}/…`. */
  readonly deptId: string;
  readonly client: QacClient;
  /** Once per request (the department's name is on every user record). */
  department(scope: RequestScope): Promise<RawDept>;
  /** Once per request: the department's projects by id. */
  departmentProjects(scope: RequestScope): Promise<ReadonlyMap<string, ProjectRecord>>;
  /** Users by id straight from the vendor (one `Id in {…}` call), never from the request's
   *  loader, whose copy predates the write. */
  readUsers(ids: readonly string[], scope: RequestScope): BatchResult<UserRecord>;
  /** The user with this email in the department (the vendor compares case-insensitively). */
  findByEmail(email: string, scope: RequestScope): Promise<UserRecord | null>;
  /** Every page of a list. */
  readAll<T>(fetch: (range: Range) => Promise<QacList<T>>): Promise<T[]>;
}
