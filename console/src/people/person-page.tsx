import { OffboardForm } from "../plans/offboard-form";
import { PERSON } from "../queries";
import { PersonReview } from "../review/person-review";
import { href } from "../route";
import { AuditTable } from "../ui/audit-table";
import { LevelBadge } from "../ui/level-badge";
import { Failure, Loading, PartialErrors } from "../ui/problems";
import { useQuery } from "../use-query";
import { useViewer } from "../viewer";

/** One person: their accounts per tool, what each gives them, and the changes made for them. */
export function PersonPage({ id }: { id: string }) {
  const [state] = useQuery(PERSON, { id, key: id }, id);
  const { canWrite } = useViewer();
  if (state.status === "loading") return <Loading what="this person" />;
  if (state.status === "failed") return <Failure what="Reading this person" error={state.error} />;
  const person = state.data?.person;
  if (!person)
    return (
      <section>
        <PartialErrors errors={state.errors} />
        <p>
          No source holds an account of {id}. <a href={href("people")}>Back to people</a>
        </p>
      </section>
    );
  const events = state.data?.auditEvents;
  return (
    <article aria-labelledby="person-title">
      <p>
        <a href={href("people")}>← People</a>
      </p>
      <h2 id="person-title">{person.displayName}</h2>
      <dl className="facts">
        <dt>Email</dt>
        <dd>{person.email ?? "none"}</dd>
        {person.emails.length > 1 ? (
          <>
            <dt>Other emails</dt>
            <dd>{person.emails.filter((e) => e !== person.email).join(", ")}</dd>
          </>
        ) : null}
        <dt>State</dt>
        <dd>{person.state.replaceAll("_", " ").toLowerCase()}</dd>
        <dt>Highest level</dt>
        <dd>{person.highestLevel ? <LevelBadge level={person.highestLevel} /> : "none, or not known"}</dd>
      </dl>
      <PartialErrors errors={state.errors} />
      {canWrite ? <OffboardForm person={person.email ?? person.id} /> : null}

      <h3>Accounts</h3>
      <table className="grid">
        <caption className="sr-only">Accounts of {person.displayName}</caption>
        <thead>
          <tr>
            <th scope="col">Source</th>
            <th scope="col">Account</th>
            <th scope="col">Login</th>
            <th scope="col">Status</th>
            <th scope="col">Instance admin</th>
            <th scope="col">Last login</th>
          </tr>
        </thead>
        <tbody>
          {person.accounts.map((a) => (
            <tr key={a.id}>
              <td>{a.source.name}</td>
              <td>
                {a.displayName}
                <div className="note">{a.email ?? "no email"}</div>
              </td>
              <td>{a.login ?? "—"}</td>
              <td>{a.active ? "active" : <span className="inactive">inactive</span>}</td>
              <td>{a.admin === null ? "not said" : a.admin ? "yes" : "no"}</td>
              <td>{a.lastLoginAt ? new Date(a.lastLoginAt).toLocaleString() : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h3>Access</h3>
      {person.access.length === 0 ? (
        <p>No permission in any source.</p>
      ) : (
        <table className="grid">
          <caption className="sr-only">Access of {person.displayName}</caption>
          <thead>
            <tr>
              <th scope="col">Source</th>
              <th scope="col">Project</th>
              <th scope="col">Role</th>
              <th scope="col">Level</th>
              <th scope="col">Through</th>
            </tr>
          </thead>
          <tbody>
            {person.access.map((p) => (
              <tr key={p.id}>
                <td>{p.source.id}</td>
                <td>{p.project?.name ?? "instance-wide"}</td>
                <td>{p.role ?? "not named by the vendor"}</td>
                <td>
                  <LevelBadge level={p.level} />
                </td>
                <td>{p.via ? `${p.via.__typename.toLowerCase()} ${p.via.name ?? ""}` : "directly"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <PersonReview person={person.id} name={person.displayName} />

      <h3>Changes</h3>
      {events ? (
        <>
          <AuditTable events={events.nodes} caption={`Changes recorded for ${person.displayName}`} />
          {events.pageInfo.hasNextPage ? <p>Showing the first {events.nodes.length} changes.</p> : null}
        </>
      ) : (
        <p>The audit trail could not be read.</p>
      )}
    </article>
  );
}
