import type { OnceMemo } from "./source-session.js";

/**
 * A memo for a session that reads a whole source page by page (a snapshot): a read asked again by
 * the page after the one that made it is shared (a project list, each project's members, an index
 * every page consults: what keeps the source's calls at its floor), while what a page alone asked
 * for (its list call, its accounts' own reads) is let go once the next page has finished without
 * it. No vendor is named: what is shared shows by being asked again.
 */
export class PagedMemo implements OnceMemo {
  private readonly entries = new Map<string, { value: Promise<unknown>; page: number }>();
  private page = 0;

  get(key: string): Promise<unknown> | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    entry.page = this.page;
    return entry.value;
  }

  set(key: string, value: Promise<unknown>): void {
    this.entries.set(key, { value, page: this.page });
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }

  /** A page is done: drop what neither it nor the page before it asked for. */
  nextPage(): void {
    this.page += 1;
    for (const [key, entry] of this.entries) if (entry.page < this.page - 1) this.entries.delete(key);
  }

  /** Reads held now (for tests and the bench's memory figures). */
  get size(): number {
    return this.entries.size;
  }
}
