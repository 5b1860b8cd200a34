import { useId, useState } from "react";
import { RequestFailed, requestWhole } from "../graphql";
import { PLAN_ONBOARDING, TEMPLATES } from "../queries";
import { navigate } from "../route";
import { Failure, Loading } from "../ui/problems";
import { useQuery } from "../use-query";

/** Onboards a person from a configured template: plans it (nothing changes yet) and opens the plan. */
export function OnboardPage() {
  const ids = { template: useId(), email: useId(), first: useId(), last: useId() };
  const [templates] = useQuery(TEMPLATES, {}, "templates");
  const [template, setTemplate] = useState("");
  const [email, setEmail] = useState("");
  const [firstName, setFirstName] = useState("");
  const [lastName, setLastName] = useState("");
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<RequestFailed | null>(null);

  if (templates.status === "loading") return <Loading what="templates" />;
  if (templates.status === "failed") return <Failure what="Reading the templates" error={templates.error} />;
  const list = templates.data?.templates ?? [];
  const chosen = list.find((t) => t.name === (template || list[0]?.name));

  const plan = async () => {
    if (!chosen) return;
    setBusy(true);
    setFailure(null);
    try {
      const data = await requestWhole(PLAN_ONBOARDING, {
        email: email.trim(),
        template: chosen.name,
        ...(firstName.trim() && { firstName: firstName.trim() }),
        ...(lastName.trim() && { lastName: lastName.trim() }),
      });
      navigate("plans", data.planOnboarding.id);
    } catch (error) {
      setFailure(error instanceof RequestFailed ? error : new RequestFailed(String(error), 0, undefined));
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="onboard-title">
      <h2 id="onboard-title">Onboard a person</h2>
      {list.length === 0 ? (
        <p>No onboarding template is configured (config `templates`).</p>
      ) : (
        <form
          className="stacked"
          onSubmit={(e) => {
            e.preventDefault();
            void plan();
          }}
        >
          <label htmlFor={ids.template}>Template</label>
          <select id={ids.template} value={chosen?.name} onChange={(e) => setTemplate(e.target.value)}>
            {list.map((t) => (
              <option key={t.name} value={t.name}>
                {t.name}
              </option>
            ))}
          </select>
          {chosen ? (
            <p className="note" data-testid="template-description">
              {chosen.description ?? "No description."} Sources: {chosen.sources.join(", ") || "none"}.
            </p>
          ) : null}
          <label htmlFor={ids.email}>Email</label>
          <input
            id={ids.email}
            type="email"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
          <label htmlFor={ids.first}>First name (needed for a new account)</label>
          <input id={ids.first} value={firstName} onChange={(e) => setFirstName(e.target.value)} />
          <label htmlFor={ids.last}>Last name (needed for a new account)</label>
          <input id={ids.last} value={lastName} onChange={(e) => setLastName(e.target.value)} />
          <div>
            <button type="submit" disabled={busy}>
              {busy ? "Planning…" : "Plan onboarding"}
            </button>
          </div>
          <p className="note">Plans the steps first: nothing changes until you apply them.</p>
        </form>
      )}
      {failure ? <Failure what="Planning the onboarding" error={failure} /> : null}
    </section>
  );
}
