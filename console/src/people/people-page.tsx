import { useVirtualizer } from "@tanstack/react-virtual";
import { useCallback, useEffect, useId, useMemo, useRef, useState } from "react";
import { type GraphQLErrorItem, RequestFailed, request } from "../graphql";
import { LEVEL_LABEL, LEVELS } from "../levels";
import { type Level, type MatrixPerson, PEOPLE, type PeopleFilter, SOURCES } from "../queries";
import { href } from "../route";
import { LevelBadge } from "../ui/level-badge";
import { Failure, PartialErrors } from "../ui/problems";
import { useQuery } from "../use-query";
import { cellOf } from "./cells";
import { MatrixCell } from "./matrix-cell";

/**
 * People per request. Each request costs the gateway a read of every source's whole user list, and
 * then their accounts and access in one batch per source: larger pages amortise the first, and 200
 * stays well within the default budget of objects per operation (README "Limits").
 */
const PAGE = 200;
const ROW_HEIGHT = 44;

interface Rows {
  readonly people: readonly MatrixPerson[];
  readonly errors: readonly GraphQLErrorItem[];
  readonly totalCount: number | null;
  readonly endCursor: string | null;
  readonly hasNextPage: boolean;
  readonly loading: boolean;
  readonly failure: RequestFailed | null;
}

const EMPTY: Rows = {
  people: [],
  errors: [],
  totalCount: null,
  endCursor: null,
  hasNextPage: false,
  loading: true,
  failure: null,
};

function filterOf(search: string, source: string, level: string): PeopleFilter {
  const text = search.trim();
  return {
    ...(text && (text.includes("@") ? { email: text } : { name: text })),
    ...(source && { sources: [source] }),
    ...(level && { highestLevel: level as Level }),
  };
}

/** Everyone × every source, coloured by the highest level each holds there. */
export function PeoplePage() {
  const ids = { search: useId(), source: useId(), level: useId() };
  const [search, setSearch] = useState("");
  const [settled, setSettled] = useState("");
  const [source, setSource] = useState("");
  const [level, setLevel] = useState("");
  const [sourcesState] = useQuery(SOURCES, {}, "sources");
  const [rows, setRows] = useState<Rows>(EMPTY);
  const filter = useMemo(() => filterOf(settled, source, level), [settled, source, level]);
  /** The request in flight: a new filter, or leaving the page, abandons it. */
  const inFlight = useRef<AbortController | null>(null);

  // Typing settles for a moment before the gateway is asked.
  useEffect(() => {
    const timer = setTimeout(() => setSettled(search), 300);
    return () => clearTimeout(timer);
  }, [search]);

  const load = useCallback(
    async (after: string | null) => {
      const mine = new AbortController();
      inFlight.current?.abort();
      inFlight.current = mine;
      setRows((r) => ({ ...(after ? r : EMPTY), loading: true, failure: null }));
      try {
        const answer = await request(PEOPLE, { first: PAGE, after, filter }, mine.signal);
        if (mine.signal.aborted || !answer.data) return;
        const page = answer.data.people;
        setRows((r) => ({
          people: after ? [...r.people, ...page.nodes] : page.nodes,
          errors: after ? [...r.errors, ...answer.errors] : answer.errors,
          totalCount: page.totalCount,
          endCursor: page.pageInfo.endCursor,
          hasNextPage: page.pageInfo.hasNextPage,
          loading: false,
          failure: null,
        }));
      } catch (error) {
        if (mine.signal.aborted) return;
        const failure =
          error instanceof RequestFailed ? error : new RequestFailed(String(error), 0, undefined);
        setRows((r) => ({ ...r, loading: false, failure }));
      }
    },
    [filter],
  );

  useEffect(() => {
    void load(null);
  }, [load]);
  useEffect(() => () => inFlight.current?.abort(), []);

  const sources = sourcesState.status === "done" ? (sourcesState.data?.sources ?? []) : [];
  const failedSources = useMemo(
    () => new Set(rows.errors.flatMap((e) => (e.extensions?.source ? [e.extensions.source] : []))),
    [rows.errors],
  );

  const scroller = useRef<HTMLElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.people.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const lastShown = items[items.length - 1]?.index ?? -1;

  // Scrolling near the end of what is loaded asks for the next page.
  useEffect(() => {
    if (rows.hasNextPage && !rows.loading && !rows.failure && lastShown >= rows.people.length - 20)
      void load(rows.endCursor);
  }, [lastShown, rows, load]);

  const paddingTop = items[0]?.start ?? 0;
  const paddingBottom = virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0);

  return (
    <section aria-labelledby="people-title">
      <h2 id="people-title">People</h2>
      <form className="filters" aria-label="Filter people" onSubmit={(e) => e.preventDefault()}>
        <div>
          <label htmlFor={ids.search}>Search by name or email</label>
          <input id={ids.search} type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
        </div>
        <div>
          <label htmlFor={ids.source}>Source</label>
          <select id={ids.source} value={source} onChange={(e) => setSource(e.target.value)}>
            <option value="">Any source</option>
            {sources.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name} ({s.id})
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={ids.level}>Highest level at least</label>
          <select id={ids.level} value={level} onChange={(e) => setLevel(e.target.value)}>
            <option value="">Any level</option>
            {LEVELS.map((l) => (
              <option key={l} value={l}>
                {LEVEL_LABEL[l]}
              </option>
            ))}
          </select>
        </div>
      </form>
      <Legend />
      {sourcesState.status === "failed" ? (
        <Failure what="Reading the sources" error={sourcesState.error} />
      ) : null}
      {rows.failure ? <Failure what="Reading people" error={rows.failure} /> : null}
      <PartialErrors errors={rows.errors} />
      <p role="status" data-testid="people-count">
        {rows.loading && rows.people.length === 0
          ? "Loading people…"
          : `Showing ${rows.people.length} of ${rows.totalCount ?? "an unknown number of"} people`}
      </p>
      <section
        className="matrix"
        ref={scroller}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard to scroll it
        tabIndex={0}
        aria-label="People by source"
      >
        <table className="grid" aria-rowcount={(rows.totalCount ?? rows.people.length) + 1}>
          <thead>
            <tr aria-rowindex={1}>
              <th scope="col">Person</th>
              {sources.map((s) => (
                <th scope="col" key={s.id}>
                  {s.name}
                  <div className="note">{s.id}</div>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {paddingTop > 0 ? (
              <tr className="spacer" style={{ height: paddingTop }}>
                <td colSpan={sources.length + 1} />
              </tr>
            ) : null}
            {items.map((item) => {
              const person = rows.people[item.index];
              if (!person) return null;
              return (
                <tr key={person.id} aria-rowindex={item.index + 2} style={{ height: ROW_HEIGHT }}>
                  <th scope="row">
                    <a href={href("people", person.id)}>{person.displayName}</a>
                    <div className="note">{person.email ?? "no email"}</div>
                  </th>
                  {sources.map((s) => (
                    <td key={s.id} data-source={s.id}>
                      <MatrixCell cell={cellOf(person, s.id, failedSources)} />
                    </td>
                  ))}
                </tr>
              );
            })}
            {paddingBottom > 0 ? (
              <tr className="spacer" style={{ height: paddingBottom }}>
                <td colSpan={sources.length + 1} />
              </tr>
            ) : null}
          </tbody>
        </table>
      </section>
      {rows.hasNextPage ? (
        <button type="button" disabled={rows.loading} onClick={() => void load(rows.endCursor)}>
          {rows.loading ? "Loading…" : `Load ${PAGE} more`}
        </button>
      ) : null}
    </section>
  );
}

function Legend() {
  return (
    <figure className="legend">
      <figcaption>Levels, weakest to strongest:</figcaption>
      <ul>
        {LEVELS.map((l) => (
          <li key={l}>
            <LevelBadge level={l} />
          </li>
        ))}
        <li>
          <span className="level level-noaccess">No access</span> an account without a role
        </li>
        <li>
          <span aria-hidden="true">—</span> no account
        </li>
      </ul>
    </figure>
  );
}
