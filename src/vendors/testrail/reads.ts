import type { SourceError } from "../../model/errors.js";
import { readOffsetWindow, type Window } from "../paging.js";
import type { Memo, PageRequest, TestRailClient } from "./client.js";
import { type RoleLevels, roleLevels } from "./levels.js";
import { type Slice, sliceOf } from "./pages.js";
import type { RawGroup, RawList, RawProject, RawRole, RawUser } from "./raw-types.js";

/** Before a source's user count is known, the full user list is assumed to take this many users. */
const UNKNOWN_USER_COUNT = 1000;

/**
 * TestRail reads shared by every reader of one source. Whole lists are read once per request
 * (`scope.once`), and each page call at most once (the client memoises by URL).
 */
export class TestRailReads {
  /** Users the source held at the last full read: sizes the choice in `listIsCheaper`. */
  private userCount: number | null = null;

  constructor(
    private readonly client: TestRailClient,
    private readonly pageSize: number,
    private readonly badResponse: () => SourceError,
  ) {}

  /** Whether reading the whole user list (⌈users / page⌉ calls) beats one `get_user` per id. */
  listIsCheaper(ids: number): boolean {
    return ids > Math.ceil((this.userCount ?? UNKNOWN_USER_COUNT) / this.pageSize);
  }

  /** Users at positions offset.. of `get_users`, in the server's order. */
  async userWindow(offset: number, limit: number, memo: Memo): Promise<Window<RawUser>> {
    const fetchRange = async (o: number, l: number) =>
      this.slice("users", this.client.getUsers({ offset: o, limit: l }, memo), l);
    const first = await fetchRange(offset, Math.min(limit, this.pageSize));
    // A bare array is the whole list whatever was asked: cut the window here rather than
    // download it again for every later range.
    const window = first.complete
      ? rangeOf(first, offset, limit)
      : await readOffsetWindow({
          offset,
          limit,
          maxPageSize: this.pageSize,
          fetchRange: async (o, l) => rangeOf(await fetchRange(o, l), o, l),
        });
    if (window.total !== null) this.userCount = window.total;
    return { items: [...window.items], total: window.total, hasMore: window.hasMore };
  }

  async users(memo: Memo): Promise<readonly RawUser[]> {
    const all = await this.readAll(memo, "get_users", "users", (p) => this.client.getUsers(p, memo));
    this.userCount = all.length;
    return all;
  }

  /** Active users with access to the project, each with the role that applies there. */
  projectMembers(projectId: string, memo: Memo): Promise<readonly RawUser[]> {
    return this.readAll(memo, `get_users/${projectId}`, "users", (p) =>
      this.client.getProjectUsers(projectId, p, memo),
    );
  }

  projects(memo: Memo): Promise<readonly RawProject[]> {
    return this.readAll(memo, "get_projects", "projects", (p) => this.client.getProjects(p, memo));
  }

  groups(memo: Memo): Promise<readonly RawGroup[]> {
    return this.readAll(memo, "get_groups", "groups", (p) => this.client.getGroups(p, memo));
  }

  roles(memo: Memo): Promise<readonly RawRole[]> {
    return this.readAll(memo, "get_roles", "roles", (p) => this.client.getRoles(p, memo));
  }

  levels(memo: Memo): Promise<RoleLevels> {
    return memo.once("testrail:levels", async () => roleLevels(await this.roles(memo)));
  }

  private async slice<K extends string, T>(
    key: K,
    answer: Promise<RawList<K, T>>,
    limit: number,
  ): Promise<Slice<T>> {
    const slice = sliceOf(await answer, key, limit);
    if (!slice) throw this.badResponse();
    return slice;
  }

  /** Every page of a bulk GET, one after another: the wrapper carries no total to fan out on. */
  private readAll<K extends string, T>(
    memo: Memo,
    name: string,
    key: K,
    fetch: (page: PageRequest) => Promise<RawList<K, T>>,
  ): Promise<readonly T[]> {
    return memo.once(`testrail:all:${name}`, async () => {
      const out: T[] = [];
      for (let offset = 0; ; ) {
        const slice = await this.slice(key, fetch({ offset, limit: this.pageSize }), this.pageSize);
        if (slice.complete) return slice.items;
        out.push(...slice.items);
        if (!slice.hasMore) return out;
        offset += slice.items.length;
      }
    });
  }
}

/** A slice as an offset range: a complete list is cut at the window; a page is taken as sent. */
function rangeOf<T>(slice: Slice<T>, offset: number, limit: number) {
  if (!slice.complete) return { items: slice.items, total: null, hasMore: slice.hasMore };
  const items = slice.items.slice(offset, offset + limit);
  return { items, total: slice.items.length, hasMore: offset + items.length < slice.items.length };
}
