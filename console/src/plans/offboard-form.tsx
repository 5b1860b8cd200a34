import { useId, useState } from "react";
import { RequestFailed, requestWhole } from "../graphql";
import { type OffboardingMode, PLAN_OFFBOARDING } from "../queries";
import { navigate } from "../route";
import { Failure } from "../ui/problems";

const MODES: ReadonlyArray<{ mode: OffboardingMode; label: string }> = [
  { mode: "DEACTIVATE", label: "Deactivate every active account" },
  { mode: "REMOVE_ACCESS", label: "Remove every role, group and team; keep the accounts" },
  { mode: "DELETE_WHERE_POSSIBLE", label: "Delete where the vendor deletes, else deactivate" },
];

/** Plans a person's offboarding (nothing changes yet) and opens the plan. */
export function OffboardForm({ person }: { person: string }) {
  const modeId = useId();
  const [mode, setMode] = useState<OffboardingMode>("DEACTIVATE");
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<RequestFailed | null>(null);
  const plan = async () => {
    setBusy(true);
    setFailure(null);
    try {
      const data = await requestWhole(PLAN_OFFBOARDING, { person, mode });
      navigate("plans", data.planOffboarding.id);
    } catch (error) {
      setFailure(error instanceof RequestFailed ? error : new RequestFailed(String(error), 0, undefined));
      setBusy(false);
    }
  };
  return (
    <form
      className="action-form"
      aria-label="Offboard"
      onSubmit={(e) => {
        e.preventDefault();
        void plan();
      }}
    >
      <label htmlFor={modeId}>Offboarding mode</label>
      <select id={modeId} value={mode} onChange={(e) => setMode(e.target.value as OffboardingMode)}>
        {MODES.map((m) => (
          <option key={m.mode} value={m.mode}>
            {m.label}
          </option>
        ))}
      </select>
      <button type="submit" className="danger" disabled={busy}>
        {busy ? "Planning…" : "Offboard"}
      </button>
      <span className="note">Plans the steps first: nothing changes until you apply them.</span>
      {failure ? <Failure what="Planning the offboarding" error={failure} /> : null}
    </form>
  );
}
