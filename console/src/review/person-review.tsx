import { useMemo } from "react";
import { href } from "../route";
import { Failure, Loading, PartialErrors } from "../ui/problems";
import { useQuery } from "../use-query";
import { ChangesSection } from "./changes-section";
import { FindingsTable } from "./findings-table";
import { useLatestSnapshots } from "./latest-snapshots";
import { FINDING_COUNTS, type FindingKind, personFindings } from "./review-queries";
import { useSourceNames } from "./source-names";

/** Every judged kind's findings of one person, in one request. */
function PersonFindingsOf({
  snapshot,
  person,
  kinds,
  sourceNames,
}: {
  snapshot: string;
  person: string;
  /** Comma-separated: the document is made again only when the kinds change. */
  kinds: string;
  sourceNames: ReadonlyMap<string, string>;
}) {
  const doc = useMemo(() => personFindings(kinds.split(",") as FindingKind[]), [kinds]);
  const [state] = useQuery(doc, { snapshot, person }, `${snapshot} ${person} ${kinds}`);
  if (state.status === "loading") return <Loading what="their findings" />;
  if (state.status === "failed") return <Failure what="Reading their findings" error={state.error} />;
  const pages = (kinds.split(",") as FindingKind[])
    .map((k) => state.data?.[k])
    .filter((p) => p !== undefined);
  const findings = pages.flatMap((p) => p.nodes);
  const incomplete = [...new Set(pages.flatMap((p) => p.incompleteSources))];
  return (
    <>
      <PartialErrors errors={state.errors} />
      {incomplete.length ? (
        <p className="problem">Not judged, their part of the snapshot is missing: {incomplete.join(", ")}.</p>
      ) : null}
      {findings.length === 0 ? (
        <p>No finding in the latest snapshot.</p>
      ) : (
        <FindingsTable
          findings={findings}
          caption="Findings in the latest snapshot"
          showKind
          sourceNames={sourceNames}
        />
      )}
    </>
  );
}

function PersonFindings(props: {
  snapshot: string;
  person: string;
  sourceNames: ReadonlyMap<string, string>;
}) {
  const [state] = useQuery(FINDING_COUNTS, { snapshot: props.snapshot }, props.snapshot);
  const counts = state.status === "done" ? (state.data?.findingCounts ?? []) : [];
  // A kind that can't be judged (no roster) would be refused: only the others are asked.
  const kinds = counts
    .filter((c) => c.count !== null)
    .map((c) => c.kind)
    .join(",");
  if (state.status === "loading") return <Loading what="their findings" />;
  if (state.status === "failed") return <Failure what="Reading the findings" error={state.error} />;
  const unjudged = counts.filter((c) => c.count === null);
  return (
    <>
      {kinds.length ? <PersonFindingsOf {...props} kinds={kinds} /> : null}
      {unjudged.map((c) => (
        <p key={c.kind} className="note">
          {c.reason}
        </p>
      ))}
    </>
  );
}

/** On a person's page: their findings in the latest snapshot and their changes since the one before. */
export function PersonReview({ person, name }: { person: string; name: string }) {
  const state = useLatestSnapshots();
  const sourceNames = useSourceNames();
  if (state.status === "loading") return <Loading what="the latest snapshot" />;
  if (state.status === "failed") return <Failure what="Reading the snapshots" error={state.error} />;
  const { latest, previous } = state.data ?? { latest: null, previous: null };
  if (!latest)
    return (
      <p className="note">
        No snapshot yet: their findings and changes show once one is taken (
        <a href={href("snapshots")}>Snapshots</a>).
      </p>
    );
  return (
    <section aria-labelledby="person-review-title">
      <h3 id="person-review-title">Findings</h3>
      <p className="note">
        From snapshot <span className="code">{latest.id}</span> ({new Date(latest.startedAt).toLocaleString()}
        ).
      </p>
      <PersonFindings snapshot={latest.id} person={person} sourceNames={sourceNames} />
      {previous ? (
        <ChangesSection
          from={previous.id}
          to={latest.id}
          person={person}
          sourceNames={sourceNames}
          title={`What changed for ${name} between the last two snapshots`}
        />
      ) : null}
    </section>
  );
}
