import { FINDING_LABEL, type Finding } from "./review-queries";
import { personHref, personWords } from "./words";

/** Findings, one row per account: which account, in which source, whose it is, and why. */
export function FindingsTable({
  findings,
  caption,
  showKind = false,
  sourceNames,
}: {
  findings: readonly Finding[];
  caption: string;
  showKind?: boolean;
  sourceNames: ReadonlyMap<string, string>;
}) {
  return (
    <table className="grid">
      <caption>{caption}</caption>
      <thead>
        <tr>
          {showKind ? <th scope="col">Finding</th> : null}
          <th scope="col">Account</th>
          <th scope="col">Source</th>
          <th scope="col">Person</th>
          <th scope="col">Reason</th>
        </tr>
      </thead>
      <tbody>
        {findings.map((f) => (
          <tr key={`${f.kind} ${f.account.userId}`}>
            {showKind ? <td>{FINDING_LABEL[f.kind]}</td> : null}
            <td>
              {f.account.displayName}
              {f.active ? null : <span className="inactive"> inactive</span>}
              <div className="note">{f.account.email ?? "no email"}</div>
            </td>
            <td>{sourceNames.get(f.account.source) ?? f.account.source}</td>
            <td>
              {f.person.startsWith("account:") ? (
                personWords(f.person)
              ) : (
                <a href={personHref(f.person)}>{personWords(f.person)}</a>
              )}
            </td>
            <td>{f.reason}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
