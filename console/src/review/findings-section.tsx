import { useState } from "react";
import { Failure, Loading, PartialErrors } from "../ui/problems";
import { useQuery } from "../use-query";
import { ExportButton } from "./export-button";
import { FindingsTable } from "./findings-table";
import {
  FINDING_COUNTS,
  FINDING_LABEL,
  FINDINGS,
  type FindingCount,
  type FindingKind,
} from "./review-queries";
import { usePaged } from "./use-paged";

const PAGE = 50;

/** One kind's accounts, a page at a time, with its export. */
function FindingsList({
  snapshot,
  kind,
  sourceNames,
}: {
  snapshot: string;
  kind: FindingKind;
  sourceNames: ReadonlyMap<string, string>;
}) {
  const paged = usePaged(FINDINGS, { snapshot, kind, first: PAGE }, `${snapshot} ${kind}`, (d) => d.findings);
  const query = `kind=${kind}&snapshot=${encodeURIComponent(snapshot)}`;
  const exportButton = (
    <ExportButton path={`/exports/findings.csv?${query}`} label={`Download ${FINDING_LABEL[kind]} (CSV)`} />
  );
  if (paged.first.status === "loading") return <Loading what={FINDING_LABEL[kind].toLowerCase()} />;
  if (paged.first.status === "failed")
    return <Failure what={`Reading ${FINDING_LABEL[kind].toLowerCase()}`} error={paged.first.error} />;
  const page = paged.first.data?.findings;
  return (
    <div>
      <PartialErrors errors={paged.first.errors} />
      {page?.incompleteSources.length ? (
        <p className="problem">
          Not judged, their part of the snapshot is missing: {page.incompleteSources.join(", ")}.
        </p>
      ) : null}
      {kind === "DORMANT_ACCOUNT" && page?.loginsUnreportedSources.length ? (
        <p className="note">
          Not judged for dormancy (they report no logins): {page.loginsUnreportedSources.join(", ")}.
        </p>
      ) : null}
      {exportButton}
      {paged.nodes.length === 0 ? (
        <p>No account is a finding of this kind.</p>
      ) : (
        <>
          <FindingsTable
            findings={paged.nodes}
            caption={`${FINDING_LABEL[kind]}: ${paged.nodes.length} of ${page?.totalCount ?? "?"}`}
            sourceNames={sourceNames}
          />
          {paged.hasMore ? (
            <button type="button" onClick={paged.loadMore} disabled={paged.loadingMore}>
              {paged.loadingMore ? "Loading…" : "Show more findings"}
            </button>
          ) : null}
          {paged.moreFailed ? <Failure what="Reading more findings" error={paged.moreFailed} /> : null}
        </>
      )}
    </div>
  );
}

function countWords(c: FindingCount): string {
  return c.count === null ? "not judged" : String(c.count);
}

/** Findings of one snapshot: a count per kind (each a button that lists its accounts). */
export function FindingsSection({
  snapshot,
  sourceNames,
}: {
  snapshot: string;
  sourceNames: ReadonlyMap<string, string>;
}) {
  const [state] = useQuery(FINDING_COUNTS, { snapshot }, snapshot);
  const [chosen, setChosen] = useState<FindingKind | null>(null);
  if (state.status === "loading") return <Loading what="the findings" />;
  if (state.status === "failed") return <Failure what="Reading the findings" error={state.error} />;
  const counts = state.data?.findingCounts ?? [];
  const judged = counts.filter((c) => c.count !== null);
  const kind = chosen ?? judged.find((c) => (c.count ?? 0) > 0)?.kind ?? judged[0]?.kind ?? null;
  return (
    <section aria-labelledby="findings-title">
      <h3 id="findings-title">Findings</h3>
      <PartialErrors errors={state.errors} />
      <ul className="counts" aria-label="Findings by kind">
        {counts.map((c) => (
          <li key={c.kind} data-kind={c.kind}>
            <button
              type="button"
              aria-pressed={c.kind === kind}
              disabled={c.count === null}
              onClick={() => setChosen(c.kind)}
            >
              <span className="count-label">{FINDING_LABEL[c.kind]}</span>{" "}
              <span className="count" data-testid={`count-${c.kind}`}>
                {countWords(c)}
              </span>
            </button>
            {c.reason ? <div className="note">{c.reason}</div> : null}
          </li>
        ))}
      </ul>
      {kind ? <FindingsList snapshot={snapshot} kind={kind} sourceNames={sourceNames} /> : null}
    </section>
  );
}
