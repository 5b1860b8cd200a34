import { type FormEvent, useState } from "react";
import type { Viewer } from "./queries";

/** Who is signed in, and the form to sign in with an API key or an identity provider's token. */
export function SignIn(props: {
  readonly viewer: Viewer | null;
  readonly signedIn: boolean;
  readonly onSignIn: (credential: string) => void;
  readonly onSignOut: () => void;
}) {
  const [credential, setCredential] = useState("");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const value = credential.trim();
    if (value) props.onSignIn(value);
    setCredential("");
  };
  if (props.signedIn)
    return (
      <div className="who">
        <span data-testid="viewer">
          {props.viewer?.name ?? "unknown caller"} ({describeScopes(props.viewer)})
        </span>
        <button type="button" onClick={props.onSignOut}>
          Sign out
        </button>
      </div>
    );
  return (
    <form className="who" onSubmit={submit} aria-label="Sign in">
      <span data-testid="viewer">
        {props.viewer ? `anonymous (${describeScopes(props.viewer)})` : "not signed in"}
      </span>
      <label htmlFor="credential">API key or token</label>
      <input
        id="credential"
        type="password"
        autoComplete="off"
        spellCheck={false}
        value={credential}
        onChange={(e) => setCredential(e.target.value)}
      />
      <button type="submit">Sign in</button>
    </form>
  );
}

function describeScopes(viewer: Viewer | null): string {
  if (!viewer || viewer.scopes.length === 0) return "read where anonymous reads are allowed";
  return viewer.scopes.map((s) => s.toLowerCase()).join(", ");
}
