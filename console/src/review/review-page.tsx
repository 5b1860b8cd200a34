import { href } from "../route";
import { Failure, Loading, PartialErrors } from "../ui/problems";
import { ChangesSection } from "./changes-section";
import { ExportButton } from "./export-button";
import { FindingsSection } from "./findings-section";
import { useLatestSnapshots } from "./latest-snapshots";
import { RosterFact } from "./roster-fact";
import { useSourceNames } from "./source-names";

const when = (iso: string) => new Date(iso).toLocaleString();

/** The latest snapshot reviewed: what it finds, and what changed since the one before. */
export function ReviewPage() {
  const state = useLatestSnapshots();
  const sourceNames = useSourceNames();
  if (state.status === "loading") return <Loading what="the latest snapshots" />;
  if (state.status === "failed") return <Failure what="Reading the snapshots" error={state.error} />;
  const { latest, previous } = state.data ?? { latest: null, previous: null };
  if (!latest)
    return (
      <section aria-labelledby="review-title">
        <h2 id="review-title">Review</h2>
        <PartialErrors errors={state.errors} />
        <p>
          No snapshot has been read yet: take one in <a href={href("snapshots")}>Snapshots</a>.
        </p>
      </section>
    );
  const failed = latest.sources.filter((s) => s.status === "FAILED");
  return (
    <section aria-labelledby="review-title">
      <h2 id="review-title">Review</h2>
      <PartialErrors errors={state.errors} />
      <dl className="facts">
        <dt>Latest snapshot</dt>
        <dd data-testid="review-latest">
          <span className="code">{latest.id}</span>, {when(latest.startedAt)} ({latest.status.toLowerCase()},{" "}
          {latest.accountCount} accounts)
        </dd>
        {failed.length ? (
          <>
            <dt>Missing from it</dt>
            <dd>
              {failed
                .map((s) => `${s.source?.name ?? s.sourceId} (${s.error?.message ?? "failed"})`)
                .join("; ")}
            </dd>
          </>
        ) : null}
        <dt>Compared with</dt>
        <dd data-testid="review-previous">
          {previous ? (
            <>
              <span className="code">{previous.id}</span>, {when(previous.startedAt)}
            </>
          ) : (
            "no earlier snapshot: changes show once a second one is taken"
          )}
        </dd>
        <RosterFact />
      </dl>
      <ExportButton
        path={`/exports/access.csv?snapshot=${encodeURIComponent(latest.id)}`}
        label="Download access (CSV)"
      />
      <FindingsSection snapshot={latest.id} sourceNames={sourceNames} />
      {previous ? (
        <ChangesSection
          from={previous.id}
          to={latest.id}
          sourceNames={sourceNames}
          title="Changes since the previous snapshot"
        />
      ) : null}
    </section>
  );
}
