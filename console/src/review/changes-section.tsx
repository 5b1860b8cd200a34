import { type ReactNode, useId } from "react";
import { Failure, Loading, PartialErrors } from "../ui/problems";
import { ChangesTable } from "./changes-table";
import { ExportButton } from "./export-button";
import { ACCESS_CHANGES } from "./review-queries";
import { usePaged } from "./use-paged";

const PAGE = 50;

/** What changed from one snapshot to another (one person's, with `person`), a page at a time. */
export function ChangesSection({
  from,
  to,
  person,
  sourceNames,
  title = "Changes",
}: {
  from: string;
  to: string;
  person?: string;
  sourceNames: ReadonlyMap<string, string>;
  title?: string;
}) {
  const paged = usePaged(
    ACCESS_CHANGES,
    { from, to, first: PAGE, ...(person !== undefined && { person }) },
    `${from} ${to} ${person ?? ""}`,
    (d) => d.accessChanges,
  );
  const query = new URLSearchParams({ from, to, ...(person !== undefined && { person }) });
  const titleId = useId();
  let body: ReactNode;
  if (paged.first.status === "loading") body = <Loading what="the changes" />;
  else if (paged.first.status === "failed")
    body = <Failure what="Reading the changes" error={paged.first.error} />;
  else {
    const page = paged.first.data?.accessChanges;
    body = (
      <>
        <PartialErrors errors={paged.first.errors} />
        {page?.incompleteSources.length ? (
          <p className="problem">
            Not compared, their part of either snapshot is missing: {page.incompleteSources.join(", ")}.
          </p>
        ) : null}
        <ExportButton path={`/exports/changes.csv?${query}`} label="Download changes (CSV)" />
        {paged.nodes.length === 0 ? (
          <p>No change between these snapshots.</p>
        ) : (
          <>
            <ChangesTable
              changes={paged.nodes}
              caption={`Changes: ${paged.nodes.length} of ${page?.totalCount ?? "?"}`}
              sourceNames={sourceNames}
            />
            {paged.hasMore ? (
              <button type="button" onClick={paged.loadMore} disabled={paged.loadingMore}>
                {paged.loadingMore ? "Loading…" : "Show more changes"}
              </button>
            ) : null}
            {paged.moreFailed ? <Failure what="Reading more changes" error={paged.moreFailed} /> : null}
          </>
        )}
      </>
    );
  }
  return (
    <section aria-labelledby={titleId}>
      <h3 id={titleId}>{title}</h3>
      {body}
    </section>
  );
}
