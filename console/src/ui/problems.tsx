import type { GraphQLErrorItem, RequestFailed } from "../graphql";

/** Errors that came with data: a source that failed is named, its part of the page is not empty but unknown. */
export function PartialErrors({ errors }: { errors: readonly GraphQLErrorItem[] }) {
  if (errors.length === 0) return null;
  return (
    <div className="problem" role="alert">
      <p>Part of this could not be read:</p>
      <ul>
        {errors.map((e, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: errors have no identity but their place
          <li key={i}>
            {e.extensions?.source ? <strong>{e.extensions.source}: </strong> : null}
            {e.message}
            {e.extensions?.code ? <span className="code"> ({e.extensions.code})</span> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function Failure({ error, what }: { error: RequestFailed; what: string }) {
  return (
    <div className="problem" role="alert">
      <p>
        {what} failed: {error.message}
        {error.code ? <span className="code"> ({error.code})</span> : null}
      </p>
      {error.status === 401 ? <p>Sign in with an API key or a token that the gateway accepts.</p> : null}
    </div>
  );
}

export function Loading({ what }: { what: string }) {
  return (
    <p className="loading" role="status">
      Loading {what}…
    </p>
  );
}
