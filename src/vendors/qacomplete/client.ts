import type { HttpClient } from "../http/http-client.js";
import type { QacList, RawDept, RawProject, RawUser, RawUserSecurityGroup } from "./raw-types.js";

export interface Range {
  readonly offset: number;
  readonly limit: number;
}

const seg = (id: string | number) => encodeURIComponent(String(id));

/** One method per QAComplete endpoint Rollcall reads. Paths are relative to `/api/v1/`. */
export class QacClient {
  constructor(
    private readonly http: HttpClient,
    private readonly deptId: string,
  ) {}

  getDept(): Promise<RawDept> {
    return this.http.get(`depts/${seg(this.deptId)}`);
  }

  /** Admin only. `filter` is a `Filter=` expression (see pushdown.ts). */
  listUsers(range: Range, filter?: string): Promise<QacList<RawUser>> {
    return this.http.get(`depts/${seg(this.deptId)}/users`, {
      searchParams: { offset: range.offset, limit: range.limit, Filter: filter },
    });
  }

  /** The user's security group in each project (doc page title misspells it "secuirtygroups"). */
  listUserSecurityGroups(userId: string, range: Range): Promise<QacList<RawUserSecurityGroup>> {
    return this.http.get(`depts/${seg(this.deptId)}/users/${seg(userId)}/securitygroups`, {
      searchParams: { offset: range.offset, limit: range.limit },
    });
  }

  /** Projects visible to the authenticating user; no Filter support on this route. */
  listProjects(range: Range): Promise<QacList<RawProject>> {
    return this.http.get("projects", { searchParams: { offset: range.offset, limit: range.limit } });
  }

  listProjectUsers(projectId: string, range: Range): Promise<QacList<RawUser>> {
    return this.http.get(`projects/${seg(projectId)}/users`, {
      searchParams: { offset: range.offset, limit: range.limit },
    });
  }
}
