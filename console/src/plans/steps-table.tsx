import type { PlanStep } from "../queries";

/** A plan's steps in order: what each does, from what to what, whether it can, and how it went. */
export function StepsTable({ steps }: { steps: readonly PlanStep[] }) {
  if (steps.length === 0) return <p>Nothing to do: everything is already as the plan wants it.</p>;
  return (
    <table className="grid" data-testid="plan-steps">
      <caption>Steps</caption>
      <thead>
        <tr>
          <th scope="col">Step</th>
          <th scope="col">Source</th>
          <th scope="col">Action</th>
          <th scope="col">What</th>
          <th scope="col">From → to</th>
          <th scope="col">Possible</th>
          <th scope="col">State</th>
          <th scope="col">Result</th>
        </tr>
      </thead>
      <tbody>
        {steps.map((s) => (
          <tr key={s.id} data-step={s.id} data-state={s.state}>
            <th scope="row">{s.id}</th>
            <td>{s.source?.name ?? s.sourceId}</td>
            <td>{s.action.replaceAll("_", " ").toLowerCase()}</td>
            <td>
              {s.target.label}
              {s.dependsOn.length ? <div className="note">after {s.dependsOn.join(", ")}</div> : null}
            </td>
            <td>
              {s.from ?? "none"} → {s.to ?? "none"}
            </td>
            <td>
              {s.possible ? "yes" : <strong>no</strong>}
              {s.reason ? <div className="note">{s.reason}</div> : null}
            </td>
            <td>
              <span className={`state state-${s.state.toLowerCase()}`}>{s.state}</span>
            </td>
            <td>
              {s.result ? (
                <>
                  {s.result.code ? <span className="code">{s.result.code} </span> : null}
                  {s.result.message ?? (s.state === "APPLIED" ? "done" : "")}
                  {s.result.drift ? <div className="note">{s.result.drift}</div> : null}
                </>
              ) : (
                "—"
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
