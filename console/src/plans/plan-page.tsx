import { useId, useRef, useState } from "react";
import { RequestFailed, requestWhole } from "../graphql";
import { APPLY_PLAN, PLAN, type Plan } from "../queries";
import { href } from "../route";
import { AuditTable } from "../ui/audit-table";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { Failure, Loading, PartialErrors } from "../ui/problems";
import { useQuery } from "../use-query";
import { useViewer } from "../viewer";
import { StepsTable } from "./steps-table";

/** Steps an apply would still send: not done, and possible. */
function remaining(plan: Plan) {
  return plan.steps.filter(
    (s) => s.possible && (s.state === "PENDING" || s.state === "FAILED" || s.state === "RUNNING"),
  );
}

/** A stored plan: its steps, one confirmation to apply them, each step's result, its audit trail. */
export function PlanPage({ id }: { id: string }) {
  const [state, reload] = useQuery(PLAN, { id }, id);
  const { canWrite } = useViewer();
  const passwordId = useId();
  const [confirming, setConfirming] = useState(false);
  const [applying, setApplying] = useState(false);
  const [failure, setFailure] = useState<RequestFailed | null>(null);
  const [password, setPassword] = useState("");
  const applyButton = useRef<HTMLButtonElement>(null);

  if (state.status === "loading" && !applying) return <Loading what="the plan" />;
  if (state.status === "failed") return <Failure what="Reading the plan" error={state.error} />;
  const plan = state.status === "done" ? state.data?.plan : null;
  if (state.status === "done" && !plan) return <p>No plan {id}.</p>;
  if (!plan) return <Loading what="the plan" />;

  const toSend = remaining(plan);
  const creates = toSend.some((s) => s.action === "CREATE_ACCOUNT");
  const apply = async () => {
    setConfirming(false);
    setApplying(true);
    setFailure(null);
    try {
      await requestWhole(APPLY_PLAN, { plan: plan.id, ...(password && { initialPassword: password }) });
    } catch (error) {
      setFailure(error instanceof RequestFailed ? error : new RequestFailed(String(error), 0, undefined));
    }
    setPassword("");
    setApplying(false);
    reload();
  };

  return (
    <article aria-labelledby="plan-title">
      <h2 id="plan-title">{plan.summary}</h2>
      <dl className="facts">
        <dt>Status</dt>
        <dd data-testid="plan-status">{plan.status}</dd>
        <dt>Planned</dt>
        <dd>
          {new Date(plan.createdAt).toLocaleString()} by {plan.createdBy}
        </dd>
        <dt>Steps</dt>
        <dd data-testid="plan-counts">
          {plan.counts.total} in all: {plan.counts.applied} applied, {plan.counts.skipped} skipped,{" "}
          {plan.counts.failed} failed, {plan.counts.impossible} impossible, {plan.counts.pending} pending
        </dd>
      </dl>
      {state.status === "done" ? <PartialErrors errors={state.errors} /> : null}
      <StepsTable steps={plan.steps} />

      {canWrite && toSend.length > 0 ? (
        <form
          className="action-form"
          aria-label="Apply the plan"
          onSubmit={(e) => {
            e.preventDefault();
            setConfirming(true);
          }}
        >
          {creates ? (
            <>
              <label htmlFor={passwordId}>Initial password for new accounts (optional; never stored)</label>
              <input
                id={passwordId}
                type="password"
                autoComplete="new-password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
            </>
          ) : null}
          <button type="submit" className="danger" ref={applyButton} disabled={applying}>
            {applying ? "Applying…" : `Apply ${toSend.length} step${toSend.length === 1 ? "" : "s"}`}
          </button>
        </form>
      ) : null}
      {applying ? (
        <p role="status">Applying: each step is checked against the live state, then sent…</p>
      ) : null}
      {failure ? <Failure what="Applying the plan" error={failure} /> : null}
      <ConfirmDialog
        open={confirming}
        title="Apply this plan?"
        confirmLabel={`Yes, apply ${toSend.length} step${toSend.length === 1 ? "" : "s"}`}
        onConfirm={() => void apply()}
        onCancel={() => {
          setConfirming(false);
          applyButton.current?.focus();
        }}
      >
        <p>{plan.summary}</p>
        <p>
          Rollcall will change {toSend.length} thing{toSend.length === 1 ? "" : "s"} in the tools listed, as
          the steps say. Every change is recorded in the audit trail.
        </p>
      </ConfirmDialog>

      <h3>Audit trail of this plan</h3>
      {state.status === "done" && state.data ? (
        <AuditTable events={state.data.auditEvents.nodes} caption="What applying this plan sent" />
      ) : (
        <Loading what="the audit trail" />
      )}
      <p>
        <a href={href("people")}>← People</a>
      </p>
    </article>
  );
}
