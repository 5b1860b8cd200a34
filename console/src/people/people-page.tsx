import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useId, useMemo, useRef, useState } from "react";
import { LEVEL_LABEL, LEVELS } from "../levels";
import { SOURCES, type SourceSummary } from "../queries";
import { href } from "../route";
import { LevelBadge } from "../ui/level-badge";
import { Failure, PartialErrors } from "../ui/problems";
import { useQuery } from "../use-query";
import { MatrixCell } from "./matrix-cell";
import { MatrixFreshness } from "./matrix-freshness";
import { type Mode, useMatrixPages } from "./use-matrix-pages";

/**
 * People per request. From a snapshot a page is one read of the store (no vendor call); live, each
 * costs a read of every source's whole user list, which larger pages amortise. 200 stays well within
 * the default budget of objects per operation (README "Limits").
 */
const PAGE = 200;
const ROW_HEIGHT = 44;

/** Everyone × every source, coloured by the highest level each holds there. */
export function PeoplePage() {
  const ids = { search: useId(), source: useId(), level: useId() };
  const [search, setSearch] = useState("");
  const [settled, setSettled] = useState("");
  const [source, setSource] = useState("");
  const [level, setLevel] = useState("");
  const [mode, setMode] = useState<Mode>("snapshot");
  const [generation, setGeneration] = useState(0);
  const [sourcesState] = useQuery(SOURCES, {}, "sources");
  // The sources as configured now: names for the columns, and those a snapshot did not cover.
  const configured = useMemo<readonly SourceSummary[] | null>(
    () =>
      sourcesState.status === "done"
        ? (sourcesState.data?.sources ?? [])
        : sourcesState.status === "failed"
          ? []
          : null,
    [sourcesState],
  );
  const filter = useMemo(() => ({ search: settled, source, level }), [settled, source, level]);
  const [rows, more] = useMatrixPages(mode, filter, configured, PAGE, generation);

  // Typing settles for a moment before the gateway is asked.
  useEffect(() => {
    const timer = setTimeout(() => setSettled(search), 300);
    return () => clearTimeout(timer);
  }, [search]);

  const columns = rows.columns.length > 0 ? rows.columns : (configured ?? []);
  // A source the snapshot did not cover can't narrow it: only the sources it has are offered.
  const notInSnapshot = new Set(rows.stamp?.notInSnapshot.map((c) => c.id));
  const filterSources = columns.filter((c) => !notInSnapshot.has(c.id));
  const scroller = useRef<HTMLElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const lastShown = items[items.length - 1]?.index ?? -1;

  // Scrolling near the end of what is loaded asks for the next page.
  useEffect(() => {
    if (rows.hasNextPage && !rows.loading && !rows.failure && lastShown >= rows.rows.length - 20) more();
  }, [lastShown, rows, more]);

  const paddingTop = items[0]?.start ?? 0;
  const paddingBottom = virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0);

  return (
    <section aria-labelledby="people-title">
      <h2 id="people-title">People</h2>
      <MatrixFreshness
        mode={mode}
        stamp={rows.stamp}
        noSnapshot={rows.noSnapshot}
        loading={rows.loading}
        onMode={setMode}
        onNewSnapshot={() => setGeneration((g) => g + 1)}
      />
      <form className="filters" aria-label="Filter people" onSubmit={(e) => e.preventDefault()}>
        <div>
          <label htmlFor={ids.search}>Search by name or email</label>
          <input id={ids.search} type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
        </div>
        <div>
          <label htmlFor={ids.source}>Source</label>
          <select id={ids.source} value={source} onChange={(e) => setSource(e.target.value)}>
            <option value="">Any source</option>
            {filterSources.map((s) => (
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
        {rows.noSnapshot
          ? "No snapshot to show people from"
          : rows.loading && rows.rows.length === 0
            ? "Loading people…"
            : `Showing ${rows.rows.length} of ${rows.totalCount ?? "an unknown number of"} people`}
      </p>
      <section
        className="matrix"
        ref={scroller}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard to scroll it
        tabIndex={0}
        aria-label="People by source"
      >
        <table className="grid" aria-rowcount={(rows.totalCount ?? rows.rows.length) + 1}>
          <thead>
            <tr aria-rowindex={1}>
              <th scope="col">Person</th>
              {columns.map((s) => (
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
                <td colSpan={columns.length + 1} />
              </tr>
            ) : null}
            {items.map((item) => {
              const person = rows.rows[item.index];
              if (!person) return null;
              return (
                <tr key={person.id} aria-rowindex={item.index + 2} style={{ height: ROW_HEIGHT }}>
                  <th scope="row">
                    <a href={href("people", person.id)}>{person.displayName}</a>
                    <div className="note">{person.email ?? "no email"}</div>
                  </th>
                  {columns.map((s) => {
                    const cell = person.cells.get(s.id);
                    return (
                      <td key={s.id} data-source={s.id}>
                        {cell ? <MatrixCell cell={cell} /> : null}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
            {paddingBottom > 0 ? (
              <tr className="spacer" style={{ height: paddingBottom }}>
                <td colSpan={columns.length + 1} />
              </tr>
            ) : null}
          </tbody>
        </table>
      </section>
      {rows.hasNextPage ? (
        <button type="button" disabled={rows.loading} onClick={more}>
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
          <span className="level level-unknown">Not known</span> the source was not read: an account there or
          not
        </li>
        <li>
          <span aria-hidden="true">—</span> no account
        </li>
      </ul>
    </figure>
  );
}
