import type { AccessChange } from "./review-queries";
import { grantWords, kindWords, personHref } from "./words";

/** Where a change happened: its project (or instance-wide), or its group or team. */
function place(change: AccessChange): string {
  if (change.group) return `${change.group.type.toLowerCase()} ${change.group.name ?? change.group.id}`;
  if (change.project) {
    const where = change.project.id === null ? "instance-wide" : (change.project.name ?? change.project.id);
    return change.via ? `${where}, through ${change.via.type.toLowerCase()} ${change.via.name ?? ""}` : where;
  }
  return "—";
}

/** Who made it: Rollcall (with its audit event, and the plan it was part of) or someone outside. */
function Origin({ change }: { change: AccessChange }) {
  const event = change.auditEvent;
  if (change.origin === "OUTSIDE_ROLLCALL" || !event)
    return <span className="origin origin-outside">Outside Rollcall</span>;
  return (
    <details className="origin origin-rollcall">
      <summary>Rollcall</summary>
      <dl className="facts" aria-label="Audit event">
        <dt>Audit event</dt>
        <dd className="code">{event.id}</dd>
        <dt>When</dt>
        <dd>
          <time dateTime={event.at}>{new Date(event.at).toLocaleString()}</time>
        </dd>
        <dt>Who</dt>
        <dd>{event.caller}</dd>
        <dt>Action</dt>
        <dd>
          {event.action} ({event.outcome})
        </dd>
        {event.plan ? (
          <>
            <dt>Plan</dt>
            <dd>
              <a href={`#/plans/${encodeURIComponent(event.plan)}`}>Open the plan and its audit trail</a>
            </dd>
          </>
        ) : null}
      </dl>
    </details>
  );
}

/** Changes between two snapshots, one row per change. */
export function ChangesTable({
  changes,
  caption,
  sourceNames,
}: {
  changes: readonly AccessChange[];
  caption: string;
  sourceNames: ReadonlyMap<string, string>;
}) {
  return (
    <table className="grid">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Change</th>
          <th scope="col">Account</th>
          <th scope="col">Source</th>
          <th scope="col">Project or group</th>
          <th scope="col">Before → after</th>
          <th scope="col">Origin</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((c, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a change has no id; the page's order is stable
          <tr key={i} data-origin={c.origin}>
            <td>{kindWords(c.kind)}</td>
            <td>
              {c.person.startsWith("account:") ? (
                c.account.displayName
              ) : (
                <a href={personHref(c.person)}>{c.account.displayName}</a>
              )}
              <div className="note">{c.account.email ?? "no email"}</div>
            </td>
            <td>{sourceNames.get(c.source) ?? c.source}</td>
            <td>{place(c)}</td>
            <td>{c.before || c.after ? `${grantWords(c.before)} → ${grantWords(c.after)}` : "—"}</td>
            <td>
              <Origin change={c} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
