import type { AuditEvent } from "../queries";

/** Audit events as the trail records them: when, who, what, where, and how it ended. */
export function AuditTable({ events, caption }: { events: readonly AuditEvent[]; caption: string }) {
  if (events.length === 0) return <p>No changes recorded.</p>;
  return (
    <table className="grid">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">Who</th>
          <th scope="col">Operation</th>
          <th scope="col">Source</th>
          <th scope="col">Action</th>
          <th scope="col">Target</th>
          <th scope="col">Outcome</th>
          <th scope="col">Step</th>
        </tr>
      </thead>
      <tbody>
        {events.map((e) => (
          <tr key={e.id}>
            <td>
              <time dateTime={e.at}>{new Date(e.at).toLocaleString()}</time>
            </td>
            <td>{e.caller}</td>
            <td>{e.operation}</td>
            <td>{e.source}</td>
            <td>{e.action}</td>
            <td>{e.target}</td>
            <td>
              <span className={`outcome outcome-${e.outcome.toLowerCase()}`}>{e.outcome}</span>
              {e.message ? <div className="note">{e.message}</div> : null}
            </td>
            <td>{e.plan ? <a href={`#/plans/${encodeURIComponent(e.plan)}`}>{e.step ?? "plan"}</a> : "—"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
